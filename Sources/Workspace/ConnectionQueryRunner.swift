import Compiler
import SQLDialect
import Warehouse

/// Lets the compiler's `run_query`, `statement` and `adapter.get_relation` reach the warehouse
/// through the connection of the thread compiling the node.
final class ConnectionQueryRunner: QueryRunner, @unchecked Sendable {
    let connection: any WarehouseConnection

    init(_ connection: any WarehouseConnection) { self.connection = connection }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable {
        let result = try connection.execute(sql)
        return QueryTable(
            columnNames: result.columns.map(\.name), columnTypes: result.columns.map(\.dataType),
            rows: result.rows.map { row in
                row.map { value -> QueryCell in
                    switch value {
                    case .null: return .null
                    case .integer(let number): return .int(Int(number))
                    case .real(let number): return .double(number)
                    case .text(let text): return .string(text)
                    case .boolean(let flag): return .bool(flag)
                    }
                }
            })
    }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        let relations = try connection.relations(inSchema: schema)
        let match = relations.first { $0.name == identifier }
            ?? relations.first { $0.name.lowercased() == identifier.lowercased() }
        return match?.kind.rawValue
    }

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        try connection.columns(of: RelationName(database: database, schema: schema, identifier: identifier))
            .map { WarehouseColumn(name: $0.name, dataType: $0.dataType) }
    }
}
