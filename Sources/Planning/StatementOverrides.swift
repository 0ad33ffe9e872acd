import SQLDialect

/// Statements a project or package writes itself by overriding dbt's macros (`create_table_as`,
/// `create_view_as`, the incremental strategies' SQL). Each returns nil when there is no
/// override, and the dialect's statement is used.
public struct StatementOverrides: Sendable {
    public var createTableAs: (@Sendable (_ relation: RelationName, _ temporary: Bool, _ sql: String) throws -> String?)?
    public var createViewAs: (@Sendable (_ relation: RelationName, _ sql: String) throws -> String?)?
    public var incremental:
        (@Sendable (
            _ strategy: String, _ target: RelationName, _ newRows: RelationName, _ uniqueKey: [String], _ columns: [String],
            _ predicates: [String]
        ) throws -> String?)?

    public init() {}
}
