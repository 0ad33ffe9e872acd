import Dispatch
import Foundation
import SQLDialect
import Warehouse

/// A server warehouse whose first connections are opened at once, in the background, instead
/// of one after another as the run reaches them (its session, each worker): each PostgreSQL
/// connection costs a round of authentication, and a short run (`weir seed` of one file, a
/// daily incremental run of one model) would otherwise wait for them in a row. The run commands
/// start it while the project is parsed. Connections not taken are closed by `close()`.
final class PrewarmedWarehouse: Warehouse, @unchecked Sendable {
    private let base: any Warehouse
    private let lock = NSLock()
    private var opening: [BackgroundResult<any WarehouseConnection>]

    var dialect: SQLDialect { base.dialect }

    init(_ base: any Warehouse, connections count: Int) {
        self.base = base
        opening = []
        openAhead(count)
    }

    deinit { close() }

    /// Starts opening `count` more connections.
    func openAhead(_ count: Int) {
        guard count > 0 else { return }
        let base = base
        let more = (0..<count).map { _ in BackgroundResult { try base.connect() } }
        lock.withLock { opening += more }
    }

    /// A connection opened ahead, else a new one. A failed early attempt is made again here, so
    /// that the error is the one a plain connect would give, where it would give it.
    func connect() throws -> any WarehouseConnection {
        lock.lock()
        let next = opening.popLast()
        lock.unlock()
        if case .success(let connection)? = next?.wait() { return connection }
        return try base.connect()
    }

    /// Closes the connections opened ahead that nothing took. One still being opened (a command
    /// that stopped early, on a parse error or with nothing to run) is closed when it is open,
    /// in the background: an unreachable server must not hold the command's exit.
    func close() {
        let left = lock.withLock {
            defer { opening = [] }
            return opening
        }
        var pending: [BackgroundResult<any WarehouseConnection>] = []
        for opened in left {
            guard let result = opened.resultIfDone else {
                pending.append(opened)
                continue
            }
            if case .success(let connection) = result { connection.close() }
        }
        guard !pending.isEmpty else { return }
        DispatchQueue.global().async { [pending] in
            for case .success(let connection) in pending.map({ $0.wait() }) { connection.close() }
        }
    }
}

/// Work started on another thread at once, whose result is waited for when it is needed.
final class BackgroundResult<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the work, read only after `done` is waited for (which orders the two).
    private var result: Result<Value, any Error> = .failure(CancellationError())

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async(group: done) { self.result = Result { try work() } }
    }

    /// The work's result, once it has finished.
    func wait() -> Result<Value, any Error> {
        done.wait()
        return result
    }

    /// The work's result if it has finished, without waiting.
    var resultIfDone: Result<Value, any Error>? {
        done.wait(timeout: .now()) == .success ? result : nil
    }
}
