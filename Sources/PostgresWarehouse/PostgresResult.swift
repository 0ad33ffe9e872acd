import CLibPQ
import Warehouse

/// A libpq `PGresult` that clears itself: every path out of a call, thrown or returned, frees it.
final class PostgresResult {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    var status: ExecStatusType { PQresultStatus(handle) }

    /// The command tag (`SELECT 1200`, `INSERT 0 5`, `CREATE TABLE`).
    var commandStatus: String { PQcmdStatus(handle).map { String(cString: $0) } ?? "" }

    /// The row count of the command tag, when the command has one (`PQcmdTuples` is empty for DDL).
    var rowsAffected: Int? { PQcmdTuples(handle).flatMap { Int(String(cString: $0)) } }

    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    func columnName(_ column: Int) -> String {
        PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""
    }

    func columnType(_ column: Int) -> Oid {
        PQftype(handle, Int32(column))
    }

    /// A cell in text format; nil for NULL. Decoded by length, so the value is read exactly.
    func text(row: Int, column: Int) -> String? {
        let row = Int32(row)
        let column = Int32(column)
        guard PQgetisnull(handle, row, column) == 0, let bytes = PQgetvalue(handle, row, column) else {
            return nil
        }
        let length = Int(PQgetlength(handle, row, column))
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// One field of an error result (`PG_DIAG_SQLSTATE` and friends, which libpq defines as
    /// character constants that Swift does not import).
    func errorField(_ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(handle, Int32(code.value)) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// libpq's whole error text for this result (client-side failures have no fields).
    var errorMessage: String? {
        guard let value = PQresultErrorMessage(handle) else { return nil }
        let text = String(cString: value).trimmingTrailingWhitespace()
        return text.isEmpty ? nil : text
    }
}
