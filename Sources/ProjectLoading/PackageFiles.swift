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
    /// The raw bytes' checksum input: dbt hashes the file's bytes as read.
    public var bytes: [UInt8]

    public init(originalFilePath: String, path: String, source: SourceFile, bytes: [UInt8]) {
        self.originalFilePath = originalFilePath
        self.path = path
        self.source = source
        self.bytes = bytes
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

    public init() {}

    public var all: [ResourceFile] {
        models + analyses + snapshots + singularTests + macros + properties + seeds + docs
    }
}
