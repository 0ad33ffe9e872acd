import CSQLite
import Foundation
import SQLDialect
import Warehouse

/// One libsqlite3 connection with dbt-sqlite's schemas attached.
///
/// `@unchecked Sendable` because the protocol's contract does the work: one thread at a time
/// uses it, and only `cancel()` may come from another thread. The handle is opened with
/// `SQLITE_OPEN_NOMUTEX` for that reason (SQLite's per-call mutex would guard nothing), and
/// `sqlite3_interrupt` is documented as safe from any thread; `lock` only keeps `cancel()` from
/// racing `close()` and carries the cancel request across the gaps between statements.
final class SQLiteConnection: WarehouseConnection, @unchecked Sendable {
    let configuration: SQLiteConfiguration
    var dialect: SQLDialect { .sqlite }

    private let lock = NSLock()
    private var handle: OpaquePointer?
    /// Whether an operation is running, so that `cancel()` between operations does nothing.
    private var isBusy = false
    /// Set by `cancel()` during an operation. `sqlite3_interrupt` is forgotten when no statement
    /// is active (between the statements of a script, between the rows of a load), so the
    /// operation also checks this flag at each of those points.
    private var cancelRequested = false

    init(configuration: SQLiteConfiguration) throws {
        self.configuration = configuration
        handle = try Self.open(configuration)
        do {
            try perform { db in try attachSchemas(db) }
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Opens the `main` file, creating its directory as needed, and sets the connection up.
    private static func open(_ configuration: SQLiteConfiguration) throws -> OpaquePointer {
        guard let path = configuration.schemasAndPaths["main"] else {
            throw WarehouseError.missingMainSchema()
        }
        try createParentDirectory(of: path)
        var db: OpaquePointer?
        let code = sqlite3_open_v2(
            path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let db else {
            let reason =
                db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw WarehouseError.cannotOpen(path, schema: "main", reason: reason)
        }
        let milliseconds = min(max(configuration.busyTimeout * 1000, 0), Double(Int32.max))
        sqlite3_busy_timeout(db, Int32(milliseconds))
        // Ask for as many attached databases as this libsqlite3 was built to allow (the default
        // build allows 10, the most any build allows is 125): every schema is one.
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 125)
        // Since SQLite 3.26, `ALTER TABLE ... RENAME` also rewrites the views that name the table.
        // The atomic swap renames the live table to a backup, renames the new one into place and
        // drops the backup; with the rewrite, every view on the model would follow the old table
        // to the backup and break when it is dropped. The legacy behaviour leaves view text alone,
        // so views keep naming the model and see the new table, as on PostgreSQL.
        // Reading `sqlite_master` also fails early, naming the path, on a file that is not a database.
        let setup = "pragma legacy_alter_table = on; select count(*) from main.sqlite_master"
        let setupCode = sqlite3_exec(db, setup, nil, nil, nil)
        guard setupCode == SQLITE_OK, SQLiteFunctions.register(on: db) == SQLITE_OK else {
            let reason = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw WarehouseError.cannotOpen(path, schema: "main", reason: reason)
        }
        return db
    }

    static func createParentDirectory(of path: String) throws {
        try createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw WarehouseError.cannotCreateDirectory(path, reason: error.localizedDescription)
        }
    }

    // MARK: Running operations

    /// Runs one operation with the open handle, marking the connection busy for `cancel()`.
    func perform<Result>(_ body: (OpaquePointer) throws -> Result) throws -> Result {
        lock.lock()
        guard let db = handle else {
            lock.unlock()
            throw WarehouseError.closed()
        }
        isBusy = true
        cancelRequested = false
        lock.unlock()
        defer {
            lock.lock()
            isBusy = false
            cancelRequested = false
            lock.unlock()
        }
        return try body(db)
    }

    /// Throws `.cancelled` when `cancel()` was called during this operation.
    func checkCancelled(statement: String) throws {
        lock.lock()
        let requested = cancelRequested
        lock.unlock()
        if requested { throw WarehouseError.cancelled(statement: statement) }
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard let handle, isBusy else { return }
        cancelRequested = true
        sqlite3_interrupt(handle)
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard let db = handle else { return }
        handle = nil
        // `_v2` because statements still referenced elsewhere are finalized later, not leaked.
        sqlite3_close_v2(db)
    }

    // MARK: Statements

    /// Runs each statement of `sql` in turn (`sqlite3_prepare_v2` hands back where the next one
    /// starts) and returns the last one's result; text that is only whitespace or comments is
    /// skipped, as SQLite prepares it to no statement.
    func execute(_ sql: String) throws -> QueryResult {
        try perform { db in
            try withStatements(of: sql, db: db) { statements in
                var result = QueryResult()
                while let statement = try statements.next() {
                    result = try run(statement, db: db, sql: sql, position: statements.position)
                }
                return result
            }
        }
    }

    /// Prepares the first statement of `sql` without stepping it: SQLite knows a statement's
    /// columns and declared types from the prepare alone.
    func describe(query sql: String) throws -> [ColumnDescription] {
        try perform { db in
            try withStatements(of: sql, db: db) { statements in try statements.next()?.columns ?? [] }
        }
    }

    /// Steps `statement` to the end, keeping its rows. `position` maps SQLite's byte offset
    /// within this statement to a character position in the whole text.
    ///
    /// A statement that writes, run outside a transaction, runs in its own `begin immediate`:
    /// left in autocommit, a statement that reads one schema and writes another holds its read
    /// lock while it waits for the write lock, and a transaction on another connection that holds
    /// that write lock cannot commit until the read lock goes: both wait out the busy timeout
    /// ("database is locked"). `begin immediate` takes every write lock before any read lock,
    /// so the statement waits holding nothing.
    private func run(
        _ statement: SQLiteStatement, db: OpaquePointer, sql: String, position: (Int32) -> Int?
    ) throws -> QueryResult {
        try checkCancelled(statement: sql)
        guard sqlite3_get_autocommit(db) != 0, sqlite3_stmt_readonly(statement.pointer) == 0,
            !statement.isTransactionControlOrMaintenance
        else {
            return try step(statement, db: db, sql: sql, position: position)
        }
        _ = try query("begin immediate", db: db)
        do {
            let result = try step(statement, db: db, sql: sql, position: position)
            _ = try query("commit", db: db)
            return result
        } catch {
            if sqlite3_get_autocommit(db) == 0 { sqlite3_exec(db, "rollback", nil, nil, nil) }
            throw error
        }
    }

    private func step(
        _ statement: SQLiteStatement, db: OpaquePointer, sql: String, position: (Int32) -> Int?
    ) throws -> QueryResult {
        var result = QueryResult(columns: statement.columns)
        while true {
            let code = sqlite3_step(statement.pointer)
            if code == SQLITE_ROW {
                result.rows.append(statement.row())
            } else if code == SQLITE_DONE {
                break
            } else {
                throw WarehouseError.sqlite(
                    db, code: code, statement: sql, position: position(sqlite3_error_offset(db)))
            }
        }
        if statement.modifiesRows { result.rowsAffected = Int(sqlite3_changes64(db)) }
        return result
    }

    /// Prepares one statement from the start of `text`, refreshing the attached schemas and trying
    /// once more when it names a schema or table that does not exist yet: another thread of the run
    /// may have created that schema since this connection last looked.
    func prepare(
        _ text: UnsafePointer<CChar>, length: Int, db: OpaquePointer
    ) -> (code: Int32, statement: SQLiteStatement?, tail: UnsafePointer<CChar>?) {
        var pointer: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        var code = sqlite3_prepare_v2(db, text, Int32(clamping: length), &pointer, &tail)
        if code == SQLITE_ERROR, Self.mayNameUnattachedSchema(String(cString: sqlite3_errmsg(db))) {
            // Prepared again even when nothing new was attached: the refresh's own statements
            // replaced the error message and offset this failure should report.
            _ = try? attachSchemaDirectory(db, atConnect: false)
            code = sqlite3_prepare_v2(db, text, Int32(clamping: length), &pointer, &tail)
        }
        return (code, pointer.map(SQLiteStatement.init), tail)
    }

    private static func mayNameUnattachedSchema(_ message: String) -> Bool {
        message.hasPrefix("no such table") || message.hasPrefix("unknown database")
    }

    /// Prepares the first statement of `sql` (a catalog query, an attach, a load's insert) and binds
    /// `values`.
    func prepareOne(_ sql: String, binding values: [WarehouseValue] = [], db: OpaquePointer) throws
        -> SQLiteStatement
    {
        try withStatements(of: sql, db: db) { statements in
            guard let statement = try statements.next() else {
                throw WarehouseError(kind: .query, message: "no statement to run", statement: sql)
            }
            let code = statement.bind(values)
            guard code == SQLITE_OK else {
                throw WarehouseError.sqlite(db, code: code, statement: sql, position: nil)
            }
            return statement
        }
    }

    /// Runs one bound statement and returns its rows.
    func query(_ sql: String, binding values: [WarehouseValue] = [], db: OpaquePointer) throws
        -> [[WarehouseValue]]
    {
        try run(prepareOne(sql, binding: values, db: db), db: db, sql: sql, position: { _ in nil }).rows
    }

    /// Gives `body` the statements of `sql` one at a time, over one UTF-8 copy of the text.
    private func withStatements<Result>(
        of sql: String, db: OpaquePointer, _ body: (inout StatementCursor) throws -> Result
    ) throws -> Result {
        var bytes = Array(sql.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer in
            var cursor = StatementCursor(connection: self, db: db, sql: sql, bytes: buffer)
            return try body(&cursor)
        }
    }
}
