/// A relation's three-part name as dbt models it. `database` is left out of rendered names
/// where the dialect does not use it (SQLite attaches databases as schemas).
public struct RelationName: Sendable, Hashable, CustomStringConvertible {
    public var database: String?
    public var schema: String
    public var identifier: String

    public init(database: String?, schema: String, identifier: String) {
        self.database = database
        self.schema = schema
        self.identifier = identifier
    }

    /// The same relation under another identifier (`<name>__weir_tmp`, `<name>__weir_backup`).
    public func renamed(_ identifier: String) -> RelationName {
        RelationName(database: database, schema: schema, identifier: identifier)
    }

    /// Unquoted dotted form, for messages (`main.dim_users`).
    public var description: String { "\(schema).\(identifier)" }
}

extension SQLDialect {
    /// The fully quoted name as it appears in SQL.
    public func render(_ relation: RelationName) -> String {
        var parts: [String] = []
        if relationsIncludeDatabase, let database = relation.database, !database.isEmpty { parts.append(database) }
        parts.append(relation.schema)
        parts.append(relation.identifier)
        return parts.map(quote).joined(separator: ".")
    }
}
