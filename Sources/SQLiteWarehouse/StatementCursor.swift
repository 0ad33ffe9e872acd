import CSQLite
import Warehouse

/// Walks the statements of one text: prepares the next, remembering where it starts so that
/// error offsets (bytes within one statement) become positions in the whole text.
struct StatementCursor {
    let connection: SQLiteConnection
    let db: OpaquePointer
    let sql: String
    /// The text's UTF-8 bytes followed by a NUL.
    let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Where the current statement starts.
    private var start = 0

    init(connection: SQLiteConnection, db: OpaquePointer, sql: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.connection = connection
        self.db = db
        self.sql = sql
        self.bytes = bytes
    }

    /// The character position in the whole text of a byte offset within the current statement
    /// (nil for SQLite's -1, "no position").
    var position: (Int32) -> Int? {
        let start = start
        let bytes = UnsafeBufferPointer(rebasing: bytes.dropLast())
        return { offset in
            offset < 0 ? nil : SQLText.characterPosition(ofByte: start + Int(offset), in: bytes)
        }
    }

    /// The next statement, or nil at the end of the text.
    mutating func next() throws -> SQLiteStatement? {
        let length = bytes.count - 1
        guard let base = bytes.baseAddress else { return nil }
        while offset < length {
            start = offset
            let prepared = UnsafeRawPointer(base + offset).withMemoryRebound(
                to: CChar.self, capacity: length - offset + 1
            ) {
                connection.prepare($0, length: length - offset + 1, db: db)
            }
            let tail = prepared.tail.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? length
            // Guard against a tail that does not advance, which would loop forever.
            offset = max(tail, offset + 1)
            guard prepared.code == SQLITE_OK else {
                throw WarehouseError.sqlite(
                    db, code: prepared.code, statement: sql, position: position(sqlite3_error_offset(db)))
            }
            if let statement = prepared.statement { return statement }
        }
        return nil
    }
}
