import CSQLite
import Warehouse

/// `SQLITE_TRANSIENT` (a C macro Swift cannot import): SQLite copies bound text before the call
/// returns, so Swift's temporary C string may go away.
let transientDestructor = unsafeBitCast(Int(-1), to: sqlite3_destructor_type.self)

/// One prepared statement, finalized when the last reference goes away so that no error path
/// can leak it.
final class SQLiteStatement {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        sqlite3_finalize(pointer)
    }

    /// The result columns: names and declared types ("" for expressions), known after prepare.
    var columns: [ColumnDescription] {
        (0..<sqlite3_column_count(pointer)).map { index in
            ColumnDescription(
                name: sqlite3_column_name(pointer, index).map { String(cString: $0) } ?? "",
                dataType: sqlite3_column_decltype(pointer, index).map { String(cString: $0) } ?? "")
        }
    }

    /// Transaction control itself (`begin immediate` counts as writing), and `vacuum` and
    /// pragmas, which fail inside a transaction.
    var isTransactionControlOrMaintenance: Bool {
        guard let text = sqlite3_sql(pointer) else { return false }
        switch SQLText.leadingKeyword(String(cString: text)) {
        case "begin", "commit", "end", "rollback", "savepoint", "release", "vacuum", "pragma": return true
        default: return false
        }
    }

    /// Whether the statement changes rows, so that `sqlite3_changes` means something after it:
    /// the counter is left alone by DDL, so it would report an earlier statement's count.
    /// (CPython's `cursor.rowcount` uses the same leading-keyword test.)
    var modifiesRows: Bool {
        guard let text = sqlite3_sql(pointer) else { return false }
        switch SQLText.leadingKeyword(String(cString: text)) {
        case "insert", "update", "delete", "replace": return true
        case "with": return sqlite3_stmt_readonly(pointer) == 0
        default: return false
        }
    }

    /// Binds `values` to `?1...?n`; booleans as 1/0 integers, as Python's sqlite3 does.
    func bind(_ values: [WarehouseValue]) -> Int32 {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(pointer, index)
            case .integer(let integer): code = sqlite3_bind_int64(pointer, index, integer)
            case .real(let real): code = sqlite3_bind_double(pointer, index, real)
            case .boolean(let boolean): code = sqlite3_bind_int64(pointer, index, boolean ? 1 : 0)
            case .text(let text):
                code = sqlite3_bind_text64(
                    pointer, index, text, sqlite3_uint64(text.utf8.count), transientDestructor, UInt8(SQLITE_UTF8))
            }
            if code != SQLITE_OK { return code }
        }
        return SQLITE_OK
    }

    /// The current row, by storage class: BLOBs become upper-case hex text (as SQLite's `hex()`),
    /// since `WarehouseValue` has no bytes.
    func row() -> [WarehouseValue] {
        (0..<sqlite3_column_count(pointer)).map { index in
            switch sqlite3_column_type(pointer, index) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(pointer, index))
            case SQLITE_FLOAT:
                return .real(sqlite3_column_double(pointer, index))
            case SQLITE_TEXT:
                let count = Int(sqlite3_column_bytes(pointer, index))
                let bytes = UnsafeBufferPointer(start: sqlite3_column_text(pointer, index), count: count)
                return .text(String(decoding: bytes, as: UTF8.self))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(pointer, index))
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(pointer, index), count: count)
                return .text(bytes.map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 0xf)] }.joined())
            default:
                return .null
            }
        }
    }
}

private let hexDigits = (0..<16).map { String($0, radix: 16, uppercase: true) }
