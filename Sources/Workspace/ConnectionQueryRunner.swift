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
///
/// On PostgreSQL (and Redshift) the session is the one psycopg2 gives dbt: psycopg2 opens a
/// transaction before the first statement, whatever `auto_begin` says; and dbt commits by running
/// `COMMIT`, after which psycopg2 still believes a transaction open and begins none, so every
/// later statement commits by itself (the grants and comments a materialization applies after
/// its `adapter.commit()` stay, though dbt rolls back at the end). dbt's own flag (`auto_begin`
/// sets it, a commit clears it, `adapter.commit()` requires it) is kept apart.
final class MaterializationQueryRunner: QueryRunner, @unchecked Sendable {
    private let base: ConnectionQueryRunner
    private let observe: (String) -> Void
    /// dbt's `connection.transaction_open`.
    private(set) var transactionOpen = false
    /// psycopg2's implicit transactions (PostgreSQL, Redshift), else explicit ones (SQLite).
    private let implicit: Bool
    /// Where the server is, with `implicit`: no statement yet, in the first transaction, or
    /// committing each statement (after a COMMIT).
    private var session = Session.notStarted

    private enum Session { case notStarted, inTransaction, committingEach }

    init(_ connection: any WarehouseConnection, observe: @escaping (String) -> Void) {
        base = ConnectionQueryRunner(connection)
        self.observe = observe
        implicit = connection.dialect.relationsIncludeDatabase
    }

    func run(_ sql: String, fetch: Bool) throws -> QueryTable { try run(sql, fetch: fetch, autoBegin: false) }

    func run(_ sql: String, fetch: Bool, autoBegin: Bool) throws -> QueryTable {
        if autoBegin && !transactionOpen {
            if !implicit { try execute(base.connection.dialect.beginStatement) }
            transactionOpen = true
        }
        if implicit && session == .notStarted {
            try execute(base.connection.dialect.beginStatement)
            session = .inTransaction
        }
        observe(sql)
        let table = try base.run(sql, fetch: fetch)
        if ConnectionQueryRunner.isCommit(sql) { committed() }
        return table
    }

    private func execute(_ statement: String) throws {
        observe(statement)
        _ = try base.connection.execute(statement)
    }

    private func committed() {
        transactionOpen = false
        if session == .inTransaction { session = .committingEach }
    }

    /// dbt's `adapter.commit()` fails without an open transaction, as here.
    func commit() throws {
        guard transactionOpen else {
            throw Diagnostic(
                code: "W1313", message: "Tried to commit transaction on connection, but it does not have one open!",
                help: "call adapter.commit() only after a statement that opened a transaction (auto_begin=True)")
        }
        // (Once each statement commits, the server has nothing to commit: PostgreSQL would only warn.)
        if session != .committingEach { try execute("commit") }
        committed()
    }

    /// Rolls back what the materialization left uncommitted.
    func finish() {
        if implicit ? session == .inTransaction : transactionOpen {
            observe("rollback")
            _ = try? base.connection.execute("rollback")
        }
        transactionOpen = false
        session = .committingEach
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
