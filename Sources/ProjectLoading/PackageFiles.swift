import Diagnostics
import ProjectModel

/// One resource file of a package, read: its text (as a `SourceFile` named for diagnostics)
/// and where it sits.
public struct ResourceFile: Sendable {
    /// The path from the package root, dbt's `original_file_path` (`models/staging/stg_users.sql`).
    public var originalFilePath: String
    /// The path below the resource directory, dbt's `path` (`staging/stg_users.sql`).
    public var path: String
    /// The text, named by the path a user can open (relative to the root project).
    public var source: SourceFile
    /// The file's bytes as read (dbt hashes its text without leading and trailing whitespace,
    /// which the compiler takes from `source`).
    public var bytes: [UInt8]
    /// Set for a seed too large for dbt to hash (see `ResourceFile.largeSeedSize`): such a file
    /// is not read while parsing (`source` is empty and `bytes` too) but when it is loaded, from
    /// this path.
    public var unreadPath: String?

    /// Seeds larger than this are identified by path, not by a hash of their content (dbt's
    /// `MAXIMUM_SEED_SIZE`, 1 MiB), so parsing need not read them.
    public static let largeSeedSize = 1 << 20

    public init(originalFilePath: String, path: String, source: SourceFile, bytes: [UInt8], unreadPath: String? = nil) {
        self.originalFilePath = originalFilePath
        self.path = path
        self.source = source
        self.bytes = bytes
        self.unreadPath = unreadPath
    }
}

/// Every file of one package that dbt reads, by kind.
public struct PackageFiles: Sendable {
    public var models: [ResourceFile] = []
    public var analyses: [ResourceFile] = []
    public var snapshots: [ResourceFile] = []
    /// `tests/**.sql` outside `tests/generic/`: singular tests.
    public var singularTests: [ResourceFile] = []
    /// Macro files: `macros/**.sql` and `tests/generic/**.sql` (generic test definitions).
    public var macros: [ResourceFile] = []
    /// YAML property files under any resource path.
    public var properties: [ResourceFile] = []
    public var seeds: [ResourceFile] = []
    /// Markdown files that may hold `{% docs %}` blocks.
    public var docs: [ResourceFile] = []
    /// `tests/fixtures/**.csv` and `.sql`: rows that unit tests name by `fixture:`.
    public var unitTestFixtures: [ResourceFile] = []

    public init() {}

    public var all: [ResourceFile] {
        models + analyses + snapshots + singularTests + macros + properties + seeds + docs + unitTestFixtures
    }
}
