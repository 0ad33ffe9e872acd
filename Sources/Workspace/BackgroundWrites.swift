import Diagnostics
import Foundation

/// Files a command writes for later invocations and never reads back itself (the parse cache,
/// the parse snapshot, the compiled SQL kept for reuse), written one after another on a thread
/// of their own while the command goes on: encoding them took a few hundred milliseconds of a
/// large project's compile, most of it while the other core had nothing to do.
///
/// The workspace waits for them before it goes away (so before the command ends). A file that
/// could not be written is a warning, not a failure: the next invocation parses or compiles
/// without it, as on a first run.
final class BackgroundWrites: @unchecked Sendable {
    private let queue = DispatchQueue(label: "weir.background-writes", qos: .userInitiated)
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failures: [Diagnostic] = []
    /// How many writes of each path are queued or running.
    private var pending: [String: Int] = [:]

    /// Writes (or removes) `path` with `write`, after the writes added before.
    func add(_ path: String, _ write: @escaping () throws -> Void) {
        lock.withLock { pending[path, default: 0] += 1 }
        queue.async(group: group) {
            defer { self.lock.withLock { self.pending[path]! -= 1 } }
            do {
                try write()
            } catch {
                let failure = Diagnostic(
                    .warning, code: "W0010", message: "could not write \(path): \(error)",
                    help: "check that the target directory is writable; the next command works without this file")
                self.lock.withLock { self.failures.append(failure) }
            }
        }
    }

    /// Whether a write of `path` is queued or running: a reader of the file waits for it first.
    func isWriting(_ path: String) -> Bool { lock.withLock { pending[path, default: 0] > 0 } }

    /// Waits for every write added so far; gives the failures (once).
    func wait() -> [Diagnostic] {
        group.wait()
        return lock.withLock {
            defer { failures = [] }
            return failures
        }
    }
}
