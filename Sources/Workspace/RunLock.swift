import Diagnostics
import Foundation
import SQLDialect
import Warehouse

/// Keeps two runs from working on the same target at once: a PostgreSQL advisory lock held by
/// the run's session connection, or an exclusive `flock` beside SQLite's main database file.
/// Released when the run ends, or by the operating system / server if the process dies.
final class RunLock {
    private var session: (any WarehouseConnection)?
    private var key: Int64 = 0
    private var descriptor: Int32 = -1

    static func busy(_ what: String) -> Diagnostic {
        Diagnostic(
            code: "W1401", message: "another weir run is using \(what)",
            help: "wait for it to finish (or stop it), then run again")
    }

    /// Takes the lock for a server warehouse, keyed by database and schema, on the run's session
    /// connection (a session-level lock: held until released or until the connection closes).
    init(session connection: any WarehouseConnection, database: String, schema: String) throws {
        key = Self.fnv1a("weir:\(database):\(schema)")
        let result = try connection.execute("select pg_try_advisory_lock(\(key))")
        guard case .boolean(true) = result.rows.first?.first ?? .null else {
            throw Self.busy("the target schema '\(schema)' of database '\(database)'")
        }
        session = connection
    }

    /// Takes the lock for an SQLite warehouse: a `.weir-lock` file beside the main database.
    init(lockFile path: String) throws {
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw Diagnostic(code: "W1402", message: "could not open the lock file \(path)", help: "check the directory is writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            descriptor = -1
            throw Self.busy("the SQLite database beside \(path)")
        }
    }

    func release() {
        // Closing the session releases it too; a failed unlock is left to that.
        if let session { _ = try? session.execute("select pg_advisory_unlock(\(key))") }
        session = nil
        if descriptor >= 0 {
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }

    /// A stable 63-bit key (PostgreSQL's advisory locks take a bigint).
    static func fnv1a(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash & 0x7fff_ffff_ffff_ffff)
    }
}
