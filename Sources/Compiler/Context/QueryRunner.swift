import Jinja
import SQLDialect

/// A result set as `run_query` and `load_result` return it: dbt's agate table, reduced to
/// what templates use (`rows`, `columns`, `column_names`, `columns[0].values()`).
public struct QueryTable: Sendable {
    public var columnNames: [String]
    public var columnTypes: [String]
    public var rows: [[QueryCell]]
    /// The warehouse's status line for the statement (`SELECT 1`; `OK` on SQLite) and the rows
    /// it reported, dbt's `AdapterResponse`.
    public var status: String
    public var rowsAffected: Int?

    public init(columnNames: [String], columnTypes: [String] = [], rows: [[QueryCell]], status: String = "OK", rowsAffected: Int? = nil) {
        self.columnNames = columnNames
        self.columnTypes = columnTypes.isEmpty ? Array(repeating: "Text", count: columnNames.count) : columnTypes
        self.rows = rows
        self.status = status
        self.rowsAffected = rowsAffected
    }

    /// dbt's `AdapterResponse.code`: the status line's first word.
    public var statusCode: String { SQLDialect.responseCode(status) }
}

/// One value of a result row.
public enum QueryCell: Sendable, Hashable {
    case null
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    /// A PostgreSQL `date` or `timestamp` (with or without time zone) as the server prints it:
    /// templates see a `datetime.date` or `datetime.datetime`, as psycopg2 hands dbt.
    case timestamp(String)
}

/// A column of a relation as the warehouse reports it (`adapter.get_columns_in_relation`).
public struct WarehouseColumn: Sendable, Hashable {
    public var name: String
    public var dataType: String

    public init(name: String, dataType: String) {
        self.name = name
        self.dataType = dataType
    }
}

/// What the compiler may ask of the warehouse while rendering (introspective queries). Without
/// one, compiling is offline: relations are reported missing and queries return nothing.
public protocol QueryRunner: AnyObject, Sendable {
    func run(_ sql: String, fetch: Bool) throws -> QueryTable
    func relationExists(database: String?, schema: String, identifier: String) throws -> String?
    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn]
    /// `adapter.create_schema`: the schema, made if missing (attached, on SQLite).
    func createSchema(_ schema: String) throws
    /// `adapter.drop_schema`: the schema dropped with what it holds (on SQLite, whose attached
    /// file stays, every relation in it, as dbt-sqlite drops them).
    func dropSchema(_ schema: String) throws
    /// `{% call statement(auto_begin=...) %}`: as `run`, but with `autoBegin` a runner that keeps
    /// transactions (a materialization's) first opens one if none is open, as dbt's adapters do.
    func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> QueryTable
    /// `adapter.commit()`: ends the transaction `run(_:fetch:autoBegin:)` opened.
    func commit() throws
}

extension QueryRunner {
    /// Each statement stands on its own (`run-operation`, hooks, introspection while compiling).
    public func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> QueryTable { try run(sql, fetch: fetch) }
    public func commit() throws {}
}
