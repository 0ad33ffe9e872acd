import Compiler
import Diagnostics
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

/// A materialization's warehouse, as dbt's adapters keep it for one node: a statement run with
/// `auto_begin` opens a transaction when none is open, `adapter.commit()` (or a `commit`
/// statement) ends it, and whatever is still open when the materialization is done is rolled
/// back (dbt closes the node's connection, which rolls it back). Each statement is told to
/// `observe`, which logs it.
final class MaterializationQueryRunner: QueryRunner, @unchecked Sendable {
    private let base: ConnectionQueryRunner
    private let observe: (String) -> Void
    private(set) var transactionOpen = false

    init(_ connection: any WarehouseConnection, observe: @escaping (String) -> Void) {
        base = ConnectionQueryRunner(connection)
        self.observe = observe
    }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable { try run(sql, fetch: fetch, autoBegin: false) }

    func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> QueryTable {
        if autoBegin && !transactionOpen { try begin() }
        observe(sql)
        let table = try base.run(sql, fetch: fetch)
        if ConnectionQueryRunner.isCommit(sql) { transactionOpen = false }
        return table
    }

    private func begin() throws {
        let statement = base.connection.dialect.beginStatement
        observe(statement)
        _ = try base.connection.execute(statement)
        transactionOpen = true
    }

    /// dbt's `adapter.commit()` fails without an open transaction, as here.
    func commit() throws {
        guard transactionOpen else {
            throw Diagnostic(
                code: "W1313", message: "Tried to commit transaction on connection, but it does not have one open!",
                help: "call adapter.commit() only after a statement that opened a transaction (auto_begin=True)")
        }
        observe("commit")
        _ = try base.connection.execute("commit")
        transactionOpen = false
    }

    /// Rolls back what the materialization left uncommitted.
    func finish() {
        guard transactionOpen else { return }
        observe("rollback")
        _ = try? base.connection.execute("rollback")
        transactionOpen = false
    }

    func relationExists(database: String?, schema: String, identifier: String) throws -> String? {
        try base.relationExists(database: database, schema: schema, identifier: identifier)
    }

    func columns(database: String?, schema: String, identifier: String) throws -> [WarehouseColumn] {
        try base.columns(database: database, schema: schema, identifier: identifier)
    }

    func createSchema(_ schema: String) throws { try base.createSchema(schema) }
    func dropSchema(_ schema: String) throws { try base.dropSchema(schema) }
}
