import CSQLite
import SQLDialect
import Warehouse

/// Bulk loading (seeds): one prepared insert, re-bound for every row.
extension SQLiteConnection {
    /// Inserts `rows` with one prepared `insert ... values (?, ...)`, values always bound, never
    /// spliced. Inside the caller's transaction when one is open; otherwise in one it opens
    /// (`begin immediate`, taking the write lock up front so it waits on the busy timeout rather
    /// than failing on a lock upgrade) and commits, or rolls back on failure.
    func load(into relation: RelationName, columns: [String], rows: any LoadRows) throws -> Int {
        let name = dialect.render(relation)
        guard !columns.isEmpty else { throw WarehouseError.badLoad("no columns", relation: name) }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql =
            "insert into \(name) (\(columns.map(dialect.quote).joined(separator: ", "))) values (\(placeholders))"
        return try perform { db in
            let ownsTransaction = sqlite3_get_autocommit(db) != 0
            if ownsTransaction { _ = try query("begin immediate", db: db) }
            do {
                let statement = try prepareOne(sql, db: db)
                var index = 0
                try rows.forEachRow { row in
                    try checkCancelled(statement: sql)
                    guard row.count == columns.count else {
                        // The row number only: a message never carries loaded values.
                        throw WarehouseError.badLoad(
                            "row \(index + 1) has \(row.count) values for \(columns.count) columns",
                            relation: name)
                    }
                    var code = statement.bind(row)
                    if code == SQLITE_OK { code = sqlite3_step(statement.pointer) }
                    guard code == SQLITE_DONE else {
                        throw WarehouseError.sqlite(db, code: code, statement: sql, position: nil)
                    }
                    sqlite3_reset(statement.pointer)
                    index += 1
                }
                if ownsTransaction { _ = try query("commit", db: db) }
                return index
            } catch {
                // SQLite may have rolled back already (an interrupt does); nothing to undo then.
                if ownsTransaction, sqlite3_get_autocommit(db) == 0 {
                    sqlite3_exec(db, "rollback", nil, nil, nil)
                }
                throw error
            }
        }
    }
}
