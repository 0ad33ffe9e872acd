import CSQLite
import Checksums

/// SQL functions SQLite lacks that dbt's SQL calls, registered on every connection Weir opens.
enum SQLiteFunctions {
    /// `md5(text)`: the 16 bytes of the digest, as a blob (null for null), as the SQLite crypto
    /// extensions give it, so that `lower(hex(md5(x)))` is PostgreSQL's `md5(x)`. dbt's `hash`
    /// macro and snapshots' scd ids call it.
    static func register(on db: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            db, "md5", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, _, arguments in
                guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
                    sqlite3_result_null(context)
                    return
                }
                // Text is hashed as its UTF-8 bytes, a number as its text, a blob as it is.
                let bytes: UnsafeRawPointer? =
                    sqlite3_value_type(argument) == SQLITE_BLOB
                    ? sqlite3_value_blob(argument) : UnsafeRawPointer(sqlite3_value_text(argument))
                let count = Int(sqlite3_value_bytes(argument))
                var hasher = MD5()
                hasher.update(bytes: UnsafeRawBufferPointer(start: count == 0 ? nil : bytes, count: count))
                let digest = hasher.finalize().bytes
                digest.withUnsafeBytes { buffer in
                    sqlite3_result_blob(context, buffer.baseAddress, Int32(buffer.count), transientDestructor)
                }
            }, nil, nil, nil)
    }
}
