import Dispatch

/// A value worked out on another thread while the caller goes on, taken (or its error thrown)
/// where the caller needs it: output that does not feed the next stage (the compiled SQL files
/// beside the manifest) is written while that stage runs, filling the cores it leaves idle.
public final class BackgroundTask<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the work, read only after `group` says it is done.
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            self.result = Result { try work() }
        }
    }

    /// Waits for the work; its value, or its error.
    public func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
