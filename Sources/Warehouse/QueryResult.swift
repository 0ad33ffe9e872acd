import SQLDialect

/// What one statement returned: its columns and rows (empty for DDL/DML), the rows it changed,
/// and the warehouse's own status line (`SELECT 1200`, `INSERT 0 5`, `CREATE VIEW`; SQLite has
/// none, so its connection reports `OK`, as dbt-sqlite does).
public struct QueryResult: Sendable {
    public var columns: [ColumnDescription]
    public var rows: [[WarehouseValue]]
    public var rowsAffected: Int?
    public var status: String

    public init(columns: [ColumnDescription] = [], rows: [[WarehouseValue]] = [], rowsAffected: Int? = nil, status: String = "OK") {
        self.columns = columns
        self.rows = rows
        self.rowsAffected = rowsAffected
        self.status = status
    }
}

/// A column of a relation or of a result, with the type as the warehouse names it
/// (`integer`, `text`, `timestamp without time zone`; SQLite's declared type, or "" when none).
public struct ColumnDescription: Sendable, Hashable {
    public var name: String
    public var dataType: String

    public init(name: String, dataType: String) {
        self.name = name
        self.dataType = dataType
    }
}

/// A relation that exists in the warehouse.
public struct RelationDescription: Sendable, Hashable {
    /// `table`, `view` or `materialized_view`, as dbt names relation types.
    public typealias Kind = SQLDialect.RelationKind

    public var schema: String
    public var name: String
    public var kind: Kind

    public init(schema: String, name: String, kind: Kind) {
        self.schema = schema
        self.name = name
        self.kind = kind
    }
}
