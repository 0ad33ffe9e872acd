import CSQLite
import Warehouse

/// The errors the SQLite connection reports, made in one place so their wording stays consistent.
extension WarehouseError {
    /// A statement failed: SQLite's own message (`sqlite3_errmsg`, which is what dbt-sqlite shows),
    /// with `SQLITE_INTERRUPT` reported as a cancellation. SQLite has no SQLSTATE.
    static func sqlite(_ db: OpaquePointer, code: Int32, statement: String, position: Int?) -> WarehouseError
    {
        let kind: Kind = code & 0xff == SQLITE_INTERRUPT ? .cancelled : .query
        return WarehouseError(
            kind: kind, message: String(cString: sqlite3_errmsg(db)), position: position, statement: statement
        )
    }

    /// `cancel()` arrived between statements (or rows of a load), where `sqlite3_interrupt` has
    /// nothing to interrupt.
    static func cancelled(statement: String) -> WarehouseError {
        WarehouseError(kind: .cancelled, message: "interrupted", statement: statement)
    }

    static func closed() -> WarehouseError {
        WarehouseError(kind: .connection, message: "the SQLite connection is closed")
    }

    /// dbt-sqlite's own message for a profile without `main`.
    static func missingMainSchema() -> WarehouseError {
        WarehouseError(
            kind: .configuration, message: "at least one schema must be called 'main'",
            hint: "add `main: <path to a .db file>` under schemas_and_paths")
    }

    static func cannotOpen(_ path: String, schema: String, reason: String) -> WarehouseError {
        WarehouseError(kind: .connection, message: "cannot open \(path) (schema '\(schema)'): \(reason)")
    }

    static func cannotCreateDirectory(_ path: String, reason: String) -> WarehouseError {
        WarehouseError(kind: .configuration, message: "cannot create directory \(path): \(reason)")
    }

    /// A file in `schema_directory` whose name is taken by `schemas_and_paths` (dbt-sqlite's
    /// message, which also refuses to connect).
    static func schemaNameTaken(_ path: String, schema: String) -> WarehouseError {
        WarehouseError(
            kind: .configuration,
            message: "found \(path) while scanning schema_directory, but cannot attach it as '\(schema)' "
                + "because that schema name is already defined in schemas_and_paths",
            hint: "rename the file or the schema in your profiles.yml")
    }

    static func noSchemaDirectory(forSchema schema: String) -> WarehouseError {
        WarehouseError(
            kind: .configuration,
            message: "cannot create schema '\(schema)': the sqlite profile has no schema_directory",
            hint: "set schema_directory in the profile, or map '\(schema)' to a file under schemas_and_paths")
    }

    static func badLoad(_ message: String, relation: String) -> WarehouseError {
        WarehouseError(kind: .query, message: "cannot load into \(relation): \(message)")
    }
}
