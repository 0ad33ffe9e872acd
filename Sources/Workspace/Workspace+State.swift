import Artifacts
import Compiler
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import SQLDialect
import Selection
import StateComparison

extension Workspace {
    /// `--state <dir>`'s manifest.json (relative to the project directory, as dbt reads it);
    /// nil without `--state`, or with a directory that has none (`noPreviousManifest` says so).
    func readPreviousManifest() throws -> JSONValue? {
        guard let state = configuration.statePath else { return nil }
        return try readArtifact("manifest.json", inStateDirectory: state)
    }

    /// `<directory>/<name>` (`directory` relative to the project directory); nil where there is none.
    func readArtifact(_ name: String, inStateDirectory directory: String) throws(Diagnostic) -> JSONValue? {
        let path = join(join(projectDirectory, directory), name)
        guard fileSystem.fileExists(path) else { return nil }
        do {
            return try JSONValue(parsing: try fileSystem.readFile(path))
        } catch {
            throw Diagnostic(
                code: "W1818", message: "could not read the earlier \(name) \(path): \(error)",
                help: "point --state at the target directory of an earlier dbt or weir invocation")
        }
    }

    /// Compares the project's enforced contracts with those of the `--state` manifest.
    /// Returns the warnings for unversioned models; throws for a versioned one. dbt makes this
    /// comparison while it evaluates a `state:modified` selector; Weir whenever `--state` is given.
    func checkContracts(_ manifest: Manifest, against previous: JSONValue?, adapterType: String) throws -> [Diagnostic] {
        guard let state = configuration.statePath else { return [] }
        guard let previous else { return [Self.noPreviousManifest(state)] }
        let records = (previous["nodes"]?.objectValue ?? JSONObject()).compactMap {
            ContractRecord(json: $0.value)
        }
        let dialect = SQLDialect.named(adapterType) ?? .postgres
        return try ContractChanges.check(manifest, previous: records, dialect: dialect)
    }

    /// What `state:` and `result:` criteria compare with, worked out at the first one and kept
    /// with the parse for every later selection (made again only if nodes were added since: the
    /// column vocabulary's tests); nil without `--state`.
    func previousStateProvider(_ parsed: Parsed) -> (@Sendable () throws(Diagnostic) -> PreviousState)? {
        guard let state = configuration.statePath else { return nil }
        return { () throws(Diagnostic) in
            let manifest = parsed.manifest
            return try parsed.judgedState.value(for: manifest.nodes.count + manifest.unitTests.count) { () throws(Diagnostic) in
                guard let previous = parsed.previousManifest else {
                    throw Diagnostic(
                        code: "W1818", message: "the --state directory '\(state)' has no manifest.json to compare with",
                        help: "point --state at the target directory of an earlier dbt or weir invocation")
                }
                let results = try self.readArtifact("run_results.json", inStateDirectory: state)
                let comparison = StateComparison(
                    manifest: manifest, writer: self.manifestWriter(for: parsed.compiler),
                    previous: previous, projectPackages: Set(parsed.compiler.packageNames))
                return comparison.previousState(results: results)
            }
        }
    }

    /// What `source_status:fresher` selects: the sources whose newest load time in the current
    /// `target/sources.json` is later than in the `--state` directory's (or that only the current
    /// one has), as dbt's `SourceStatusSelectorMethod` finds them; a source whose current check
    /// could not be made is left out. Nil without `--state`.
    func fresherSourcesProvider(_ parsed: Parsed) -> (@Sendable () throws(Diagnostic) -> Set<String>)? {
        guard let state = configuration.statePath else { return nil }
        return { () throws(Diagnostic) in
            guard let previous = try self.readArtifact("sources.json", inStateDirectory: state) else {
                throw Self.noSourcesJSON("the --state directory '\(state)'", help: "point --state at the target directory of an earlier `weir source freshness`")
            }
            let targetPath = parsed.rootConfig.targetPath
            guard let current = try self.readArtifact("sources.json", inStateDirectory: targetPath) else {
                throw Self.noSourcesJSON("'\(targetPath)'", help: "run `weir source freshness` before selecting with source_status:")
            }
            func loads(_ document: JSONValue) -> [String: Date] {
                var loads: [String: Date] = [:]
                for result in document["results"]?.arrayValue ?? [] {
                    guard let id = result["unique_id"]?.stringValue, let text = result["max_loaded_at"]?.stringValue,
                        let loaded = FreshnessTimes.instant(written: text)
                    else { continue }
                    loads[id] = loaded
                }
                return loads
            }
            let before = loads(previous)
            return Set(loads(current).filter { id, loaded in before[id].map { loaded > $0 } ?? true }.keys)
        }
    }

    /// W1110: `source_status:` without one of the two sources.json it compares.
    static func noSourcesJSON(_ place: String, help: String) -> Diagnostic {
        Diagnostic(
            code: "W1110", message: "source_status: compares freshness results, but \(place) has no sources.json", help: help)
    }

    /// `--defer`'s relations for this invocation: those of the earlier manifest's models, seeds and
    /// snapshots (not ephemeral, still in the project); nil without `--defer`. `exists` answers
    /// whether a node's own relation is in the target.
    func deferral(
        in parsed: Parsed, selected: [String], exists: @escaping @Sendable (ManifestNode) -> Bool
    ) throws -> Deferral? {
        guard configuration.deferToState else { return nil }
        return Deferral(
            relations: try stateRelations(in: parsed, for: "--defer"), favorState: configuration.favorState,
            selected: Set(selected), exists: exists)
    }

    /// Where the earlier manifest (`--defer-state`, else `--state`) built the models, seeds and
    /// snapshots the project still has (not ephemeral ones), as dbt's `merge_from_artifact` sets
    /// their `defer_relation`. `purpose` names what needs them, for the errors.
    func stateRelations(in parsed: Parsed, for purpose: String) throws -> [String: RelationName] {
        guard let state = configuration.deferStatePath ?? configuration.statePath else {
            throw Diagnostic(
                code: "W1819", message: "--state or --defer-state are required for deferral, but neither was provided",
                help: "\(purpose) reads an earlier invocation's manifest: pass --state <dir> (or --defer-state <dir>), the target directory of a production dbt or weir invocation")
        }
        let previous: JSONValue?
        if configuration.deferStatePath == nil || configuration.deferStatePath == configuration.statePath {
            previous = parsed.previousManifest
        } else {
            previous = try readArtifact("manifest.json", inStateDirectory: state)
        }
        guard let previous else {
            throw Diagnostic(
                code: "W1819", message: "could not find a manifest.json in the --defer-state/--state directory '\(state)'",
                help: "point it at the target directory of a production dbt or weir invocation")
        }
        var relations: [String: RelationName] = [:]
        let refable: Set<String> = ["model", "seed", "snapshot"]
        for (id, node) in previous["nodes"]?.objectValue ?? JSONObject() where parsed.manifest.nodes[id] != nil {
            guard let type = node["resource_type"]?.stringValue, refable.contains(type),
                node["config"]?["materialized"]?.stringValue != "ephemeral",
                let schema = node["schema"]?.stringValue, let alias = node["alias"]?.stringValue
            else { continue }
            relations[id] = RelationName(database: node["database"]?.stringValue, schema: schema, identifier: alias)
        }
        return relations
    }

    /// W1818 (warning): dbt compares nothing then, silently.
    static func noPreviousManifest(_ state: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1818",
            message: "no manifest.json in the --state directory '\(state)', so no contract is compared",
            help: "point --state at the target directory of an earlier dbt or weir invocation")
    }
}

/// A value worked out when first asked for, and again only when its key changes; from any thread.
final class KeyedMemo<Key: Equatable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: (key: Key, value: Value)?

    func value(for key: Key, make: () throws(Diagnostic) -> Value) throws(Diagnostic) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let kept, kept.key == key { return kept.value }
        let value = try make()
        kept = (key, value)
        return value
    }
}
