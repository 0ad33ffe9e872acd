import Diagnostics
import Foundation
import Testing

@testable import Workspace

/// Files for later invocations are written on a thread of their own, in the order they were
/// asked for; one that cannot be written is a warning naming it.
@Suite struct BackgroundWritesTests {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func append(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "permission denied" }
    }

    @Test func writesRunInOrderAndFailuresAreWarnings() {
        let writes = BackgroundWrites()
        let log = Log()
        let gate = DispatchSemaphore(value: 0)
        writes.add("target/first") { gate.wait() }
        #expect(writes.isWriting("target/first"))
        #expect(!writes.isWriting("target/file3"))
        gate.signal()
        for number in 0..<20 {
            writes.add("target/file\(number)") {
                if number == 7 { throw Refused() }
                log.append("file\(number)")
            }
        }
        let failures = writes.wait()
        #expect(!writes.isWriting("target/file3"))
        #expect(log.all == (0..<20).filter { $0 != 7 }.map { "file\($0)" })
        #expect(failures.map(\.message) == ["could not write target/file7: permission denied"])
        #expect(failures.first?.help?.contains("writable") == true)
        #expect(failures.first?.severity == .warning)
        // Reported once.
        #expect(writes.wait().isEmpty)
    }
}
