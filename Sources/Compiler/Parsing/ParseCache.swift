import Checksums
import ProjectModel

/// What the parse renders of SQL files recorded in an earlier run, so that the next run renders
/// again only what changed (dbt's partial parsing).
///
/// An entry is reused only when nothing its render read can have changed: the file's bytes and
/// path, the project-wide inputs summed up in `fingerprint` (Weir's version and macros, every
/// package's macros and resolved project file, the target, `--vars`), and the environment
/// variables it read. A render that looked at something that changes from run to run
/// (`run_started_at`, `invocation_id`, `flags`, `modules`, the warehouse...) is never stored.
public struct ParseCache: Sendable, Equatable {
    /// The digest of the project-wide inputs; entries made under another one are all stale.
    public var fingerprint: String
    /// By node unique id.
    public var entries: [String: Entry]

    public init(fingerprint: String = "", entries: [String: Entry] = [:]) {
        self.fingerprint = fingerprint
        self.entries = entries
    }

    /// One SQL file's parse render: what it was rendered from and the calls it made.
    public struct Entry: Sendable, Equatable {
        var path: String
        var checksum: String
        var refs: [RefCall]
        var sources: [SourceCall]
        var configCalls: ConfigMap
        /// The environment variables the render read, with the values it saw (nil: unset).
        var environment: [String: String?]
    }

    /// Names whose value differs between runs, or comes from outside the project's files: a
    /// render that looks any of them up is rendered again next time.
    static let volatileNames: Set<String> = [
        "run_started_at", "invocation_id", "flags", "modules", "graph", "selected_resources", "run_query",
        "statement", "load_result", "weir", "dbtplyr",
    ]

    /// The volatile names whose value differs between invocations of the same project under the
    /// same settings: a parse render that reads one is never kept in the parse snapshot. (The
    /// others read other files, which the snapshot covers as a whole, or the warehouse, which
    /// a parse render never asks: `run_query` and its kin answer nothing while parsing.)
    static let runVaryingNames: Set<String> = ["run_started_at", "invocation_id", "modules", "flags", "selected_resources"]

    /// Raised whenever entries written by an older Weir could be read wrongly.
    static let formatVersion = "weir-parse-cache-2"
}

/// The cache's file: the format version, then the fingerprint and the entries. A file of another
/// version (or none) fails to decode, and everything is parsed as on a first run.
extension ParseCache: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(fingerprint)
        writer.write(entries)
    }

    public init(from reader: inout BinaryReader) throws {
        guard try reader.read(String.self) == Self.formatVersion else { throw BinaryCodingError() }
        self.init(fingerprint: try reader.read(String.self), entries: try reader.read([String: Entry].self))
    }
}

extension ParseCache.Entry: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(checksum)
        writer.write(refs)
        writer.write(sources)
        writer.write(configCalls)
        writer.write(environment)
    }

    public init(from reader: inout BinaryReader) throws {
        path = try reader.read(String.self)
        checksum = try reader.read(String.self)
        refs = try reader.read([RefCall].self)
        sources = try reader.read([SourceCall].self)
        configCalls = try reader.read(ConfigMap.self)
        environment = try reader.read([String: String?].self)
    }
}

extension ProjectCompiler {
    /// The digest of everything any parse render may read besides its own file and the
    /// environment variables it reads.
    func parseFingerprint() -> String {
        var digest = FingerprintBuilder()
        digest.add(ParseCache.formatVersion)
        digest.add(Self.dbtVersion)
        digest.add(dialect.adapterType)
        digest.add(.map(target.publicFields))
        digest.add(.map(options.cliVars))
        for package in packages { digest.add(package.config) }
        for macro in registry.allMacros.sorted(by: { $0.info.uniqueID < $1.info.uniqueID }) {
            digest.add(macro.info.uniqueID)
            digest.add(macro.info.macroSQL)
        }
        return digest.hasher.finalize().hex
    }

    /// The digest of what an invocation's output depends on besides the project's files: Weir's
    /// version, the target, `--vars`, every package's resolved project file, `settings` (the
    /// command's own), and the values of the environment variables `variables` names (hashed,
    /// never stored: some may be secrets).
    public static func settingsFingerprint(
        packages: [ProjectConfig], target: Target, cliVars: ConfigMap, settings: [String],
        variables: [String], environment: [String: String]
    ) -> String {
        var digest = FingerprintBuilder()
        digest.add(ParseCache.formatVersion)
        digest.add(dbtVersion)
        digest.add(target.type)
        digest.add(.map(target.publicFields))
        digest.add(.map(cliVars))
        for package in packages { digest.add(package) }
        digest.add(settings)
        digest.add(values: variables, in: environment)
        return digest.hasher.finalize().hex
    }

    /// The earlier run's entry for a file, if nothing it was rendered from has changed.
    func reusableParse(of id: String, path: String, checksum: FileChecksum) -> ParseCache.Entry? {
        guard let entry = reusableParses[id], entry.path == path, entry.checksum == checksum.checksum,
            entry.environment.allSatisfy({ options.environment[$0.key] == $0.value })
        else { return nil }
        return entry
    }
}

/// Feeds values to SHA-256 unambiguously: every string is preceded by its length, every
/// collection by its count.
struct FingerprintBuilder {
    private(set) var hasher = SHA256()

    mutating func add(_ string: String) {
        hasher.update("\(string.utf8.count):")
        hasher.update(string)
    }

    mutating func add(_ strings: [String]) {
        add("[\(strings.count)")
        for string in strings { add(string) }
    }

    /// Each of the environment variables `names` with its value in `environment` (or unset).
    mutating func add(values names: [String], in environment: [String: String]) {
        for name in names {
            add(name)
            add(environment[name].map { "=" + $0 } ?? "unset")
        }
    }

    mutating func add(_ value: ConfigValue) {
        switch value {
        case .null: add("n")
        case .bool(let value): add(value ? "t" : "f")
        case .int(let value): add("i\(value)")
        case .double(let value): add("d\(value.bitPattern)")
        case .string(let value): add("s"); add(value)
        case .list(let values):
            add("l\(values.count)")
            for value in values { add(value) }
        case .map(let map):
            add("m\(map.count)")
            for (key, value) in map {
                add(key)
                add(value)
            }
        }
    }

    /// Every field of a resolved project file (a new field must be added here).
    mutating func add(_ config: ProjectConfig) {
        add(config.name)
        add(config.version ?? "")
        add(config.profile ?? "")
        add("\(config.configVersion)")
        for paths in [
            config.modelPaths, config.seedPaths, config.testPaths, config.macroPaths, config.snapshotPaths,
            config.analysisPaths, config.docsPaths ?? ["<none>"], config.assetPaths, config.cleanTargets,
            config.onRunStart, config.onRunEnd, config.requireDbtVersion,
        ] {
            add(paths)
        }
        add(config.targetPath)
        add(config.packagesInstallPath)
        add(.map(config.vars))
        for trees in [config.configTrees, config.unrenderedConfigTrees] {
            for (type, tree) in trees.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                add(type.rawValue)
                add(.map(tree))
            }
        }
        for entry in config.dispatch {
            add(entry.macroNamespace)
            add(entry.searchOrder)
        }
        add(.map(config.quoting))
        add(.map(config.flags))
    }
}
