import Foundation
import Testing
import Warehouse

@Suite("Cancellation")
struct CancellationTests {
    /// Asks again every 100 ms until stopped, because a request that arrives before the
    /// statement starts cancels nothing.
    final class Canceller: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private let finished = DispatchSemaphore(value: 0)

        init(_ connection: any WarehouseConnection) {
            Thread { [self] in
                Thread.sleep(forTimeInterval: 0.2)
                while !isStopped {
                    connection.cancel()
                    Thread.sleep(forTimeInterval: 0.1)
                }
                finished.signal()
            }.start()
        }

        private var isStopped: Bool {
            lock.lock()
            defer { lock.unlock() }
            return stopped
        }

        /// Stops asking and waits until the last request has been delivered, so none can hit a
        /// later statement.
        func stop() {
            lock.lock()
            stopped = true
            lock.unlock()
            finished.wait()
        }
    }

    @Test("cancel() from another thread stops a running statement quickly with .cancelled")
    func cancelSleep() throws {
        try Sandbox.run { sandbox in
            let canceller = Canceller(sandbox.connection)
            let started = ContinuousClock.now
            let error = try #require(throws: WarehouseError.self) {
                try sandbox.connection.execute("select pg_sleep(30)")
            }
            let elapsed = ContinuousClock.now - started
            canceller.stop()
            #expect(error.kind == .cancelled)
            #expect(error.sqlState == "57014")
            #expect(elapsed < .seconds(10))
            #expect(try sandbox.connection.rows("select 1") == [[.integer(1)]])
        }
    }

    @Test("cancel() with nothing running does nothing")
    func cancelIdle() throws {
        try Sandbox.run { sandbox in
            sandbox.connection.cancel()
            let rows = try sandbox.connection.rows("select 1")
            #expect(rows == [[.integer(1)]])
        }
    }
}
