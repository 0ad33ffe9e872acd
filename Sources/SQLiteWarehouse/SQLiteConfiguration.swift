import Foundation

/// The connection settings of a dbt-sqlite profile target, with paths already resolved: dbt-sqlite
/// takes `os.path.abspath` of each path (relative to the working directory); Weir's caller resolves
/// them against the project directory instead and passes absolute paths here.
public struct SQLiteConfiguration: Sendable, Hashable {
    /// `schemas_and_paths`: schema name → database file. `main` is required and is the database
    /// the connection opens; every other entry is attached under its schema name.
    public var schemasAndPaths: [String: String]
    /// `schema_directory`: where new schemas are created as `<schema_directory>/<schema>.db`, and
    /// where every existing `*.db` file is attached under its file name at connect. Optional here
    /// (dbt-sqlite requires it), because a project that only uses configured schemas needs none.
    public var schemaDirectory: String?
    /// How long a statement waits for another connection's lock before failing with
    /// "database is locked"; threads of one run write to the same files.
    public var busyTimeout: TimeInterval

    public init(
        schemasAndPaths: [String: String], schemaDirectory: String? = nil, busyTimeout: TimeInterval = 60
    ) {
        self.schemasAndPaths = schemasAndPaths
        self.schemaDirectory = schemaDirectory
        self.busyTimeout = busyTimeout
    }
}
