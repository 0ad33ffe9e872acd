import Parallelism
import ProjectModel

/// The compiled SQL an invocation made from one parse, kept so that a later invocation restored
/// from that same parse (see `ProjectCompiler.parseIdentity`) takes it instead of rendering the
/// node again: `weir docs generate` compiles every node of the project, every time.
///
/// A node is kept only when its SQL followed from the parse and the answers it is keyed with:
/// for an incremental model, whether its relation existed (`is_incremental()`), and
/// `--full-refresh` (all `flags` but the
/// command follow from it). Its render read no name that varies between invocations
/// (`run_started_at`, `flags.WHICH`, `run_query`...), asked the
/// warehouse nothing, and used no ephemeral model (whose SQL it would carry); no render of the
/// invocation read a field of `graph`'s nodes or printed. The environment variables read are
/// checked by the digest of their values (never stored: some may be secrets).
public struct CompiledNodes: BinaryCodable, Sendable, Equatable {
    /// The parse the nodes were compiled from.
    var parse: String
    /// The environment variables the invocation read, and the digest of their values then.
    var variables: [String]
    var environment: String
    var entries: [String: Entry]

    struct Entry: BinaryCodable, Sendable, Equatable {
        /// Whether an incremental model's relation existed (false for any other node).
        var relationExisted: Bool
        var fullRefresh: Bool
        var sql: String

        func encode(to writer: inout BinaryWriter) {
            writer.write(relationExisted)
            writer.write(fullRefresh)
            writer.write(sql)
        }

        init(relationExisted: Bool, fullRefresh: Bool, sql: String) {
            self.relationExisted = relationExisted
            self.fullRefresh = fullRefresh
            self.sql = sql
        }

        init(from reader: inout BinaryReader) throws {
            relationExisted = try reader.read()
            fullRefresh = try reader.read()
            sql = try reader.read()
        }
    }

    public func encode(to writer: inout BinaryWriter) {
        // Room for the SQL at once (and some for the ids and lengths), rather than by doubling.
        writer.reserveCapacity(more: entries.values.reduce(0) { $0 + $1.sql.utf8.count + 128 })
        writer.write(parse)
        writer.write(variables)
        writer.write(environment)
        writer.write(entries)
    }

    init(parse: String, variables: [String], environment: String, entries: [String: Entry]) {
        self.parse = parse
        self.variables = variables
        self.environment = environment
        self.entries = entries
    }

    public init(from reader: inout BinaryReader) throws {
        parse = try reader.read()
        variables = try reader.read()
        environment = try reader.read()
        entries = try reader.read()
    }

    /// How many nodes it holds.
    public var count: Int { entries.count }
}

extension ProjectCompiler {
    /// Takes `kept` (an earlier invocation's, read by the caller) for the nodes `compile` renders
    /// next, where it was made from this very parse and environment.
    public func reuseCompiledNodes(_ kept: CompiledNodes) {
        guard let parseIdentity, kept.parse == parseIdentity,
            kept.environment == Self.environmentDigest(kept.variables, options.environment)
        else { return }
        reusableCompiles = kept.entries
    }

    /// Whether the compiled SQL kept is what this invocation would keep: it took all it compiled
    /// from there, and rendered nothing.
    public var keptCompilesAreCurrent: Bool { !reusableCompiles.isEmpty && !renderedAfterReuse.isRaised }

    /// The compiled SQL worth keeping for the next invocation (see `CompiledNodes`): what this one
    /// compiled, over what it took from the earlier one; nil when none may be kept.
    ///
    /// Worked out by the closure returned, from the state as it is now: the closure may run on
    /// another thread while this compiler goes on (the file is written in the background).
    public func compiledNodesToKeep() -> (() -> CompiledNodes)? {
        guard let parseIdentity, !graphNodesRead.isRaised, !printed.isRaised else { return nil }
        let nodes = manifest.nodes
        let ids = Array(compiledNodes)
        let (reusable, volatileReads, existing) = (reusableCompiles, volatileCompileReads.contents, existingRelations)
        let fullRefresh = options.fullRefresh
        let variables = environmentVariablesRead
        let environment = Self.environmentDigest(variables, options.environment)
        return {
            var entries = reusable
            entries.reserveCapacity(ids.count)
            let kept = ids.concurrentMap { id -> CompiledNodes.Entry? in
                guard let node = nodes[id], let sql = node.compiledCode, !node.isEphemeral, node.extraCTEs.isEmpty,
                    volatileReads[id].map({ $0.isSubset(of: ["graph", "flags"]) }) ?? true
                else { return nil }
                return CompiledNodes.Entry(
                    relationExisted: Self.incrementalRelationExists(node, existing: existing), fullRefresh: fullRefresh,
                    sql: sql)
            }
            for (id, entry) in zip(ids, kept) { entries[id] = entry }
            return CompiledNodes(parse: parseIdentity, variables: variables, environment: environment, entries: entries)
        }
    }

    /// A kept node's SQL, when it was compiled under the answers this invocation gives.
    func reusableCompile(of node: ManifestNode) -> String? {
        guard let entry = reusableCompiles[node.uniqueID], entry.fullRefresh == options.fullRefresh,
            entry.relationExisted == incrementalRelationExists(node)
        else { return nil }
        return entry.sql
    }

    static func environmentDigest(_ names: [String], _ environment: [String: String]) -> String {
        var digest = FingerprintBuilder()
        digest.add(values: names, in: environment)
        return digest.hasher.finalize().hex
    }
}
