import Compiler
import SQLDialect
import Warehouse

/// Lets the compiler's `run_query`, `statement` and `adapter.get_relation` reach the warehouse
/// through the connection of the thread compiling the node.
final class ConnectionQueryRunner: QueryRunner, @unchecked Sendable {
    let connection: any WarehouseConnection

    init(_ connection: any WarehouseConnection) { self.connection = connection }

    static let temporalTypes: Set<String> = ["date", "timestamp without time zone", "timestamp with time zone"]

    func run(_ sql: String, fetch: Bool) throws -> QueryTable {
        let result: QueryResult
        do {
            result = try connection.execute(sql)
        } catch let error as WarehouseError where connection.dialect == .sqlite && Self.isCommit(sql) {
            // Statements run outside a transaction here. A `commit` written for dbt-postgres (or
            // for Python's sqlite3 module, which opens transactions by itself) has none to end:
            // PostgreSQL only warns, SQLite fails.
            guard error.message.contains("no transaction is active") else { throw error }
            return QueryTable(columnNames: [], rows: [])
        }
        // PostgreSQL's dates and timestamps reach templates as Python's, as psycopg2 gives them
        // to dbt (SQLite has no such types: its drivers give text).
        let temporal = result.columns.map {
            connection.dialect != .sqlite && Self.temporalTypes.contains($0.dataType)
        }
        return QueryTable(
            columnNames: result.columns.map(\.name), columnTypes: result.columns.map(\.dataType),
            rows: result.rows.map { row in
                row.enumerated().map { index, value -> QueryCell in
                    switch value {
                    case .null: return .null
                    case .integer(let number): return .int(Int(number))
                    case .real(let number): return .double(number)
                    case .text(let text): return index < temporal.count && temporal[index] ? .timestamp(text) : .string(text)
                    case .boolean(let flag): return .bool(flag)
                    }
                }
            },
            status: result.status, rowsAffected: result.rowsAffected)
    }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        let relations = try connection.relations(inSchema: schema)
        let match = relations.first { $0.name == identifier }
            ?? relations.first { $0.name.lowercased() == identifier.lowercased() }
        return match?.kind.rawValue
    }

    static func isCommit(_ sql: String) -> Bool {
        let words = sql.lowercased().split { $0 == ";" || $0.isWhitespace }
        return words == ["commit"] || words == ["commit", "transaction"] || words == ["end"]
    }

    func createSchema(_ schema: String) throws {
        try connection.createSchema(schema)
    }

    func dropSchema(_ schema: String) throws {
        let dialect = connection.dialect
        guard dialect == .sqlite else {
            _ = try connection.execute(dialect.dropSchema(schema))
            return
        }
        for relation in try connection.relations(inSchema: schema) {
            let name = RelationName(database: nil, schema: schema, identifier: relation.name)
            _ = try connection.execute(dialect.drop(name, kind: relation.kind))
        }
    }

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        try connection.columns(of: RelationName(database: database, schema: schema, identifier: identifier))
            .map { WarehouseColumn(name: $0.name, dataType: $0.dataType) }
    }
}
