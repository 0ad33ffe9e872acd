import Foundation
import Planning

/// How one node ended, with dbt's run_results status names.
public enum NodeStatus: String, Sendable {
    case success, error, skipped
    /// A microbatch model some of whose batches failed (the others are in the target).
    case partialSuccess = "partial success"
    case pass, fail, warn
    /// Hooks and operations that ran without a relation (`run-operation`, on-run-* hooks).
    case noOp = "no-op"

    /// Whether descendants of this node must be skipped.
    public var isFailure: Bool { self == .error || self == .fail || self == .skipped || self == .partialSuccess }
}

/// What one node did: status, timings, the warehouse's response and, for tests, failures.
public struct NodeResult: Sendable {
    public var uniqueID: String
    public var status: NodeStatus
    public var message: String?
    /// Failing rows found by a test.
    public var failures: Int?
    public var threadID: String
    public var compileStarted: Date?
    public var compileCompleted: Date?
    public var executeStarted: Date?
    public var executeCompleted: Date?
    /// The main statement's status (`SELECT 1200`, `OK`), code and rows affected.
    public var responseMessage: String?
    public var responseCode: String?
    public var rowsAffected: Int?
    /// Whether run_results.json gives the response's `query_id` (always null here): dbt's show
    /// writes its whole `AdapterResponse`, where its runs leave the empty field out.
    public var responseHasQueryID = false
    /// The compiled SQL of the node and every statement executed for it, in order.
    public var compiledCode: String?
    /// run_results.json's `compiled`: by default whether there is compiled code (`null`
    /// without); false for a `run-operation`, whose macro dbt does not compile.
    public var compiled: Bool?
    public var executedSQL: [String] = []
    /// The relation built, as dbt's `relation_name`.
    public var relationName: String?
    /// A microbatch model's batches: which succeeded and which failed (`weir retry` reruns those).
    public var batchResults: BatchResults?
    /// The underlying error, for reporting (file/line mapping, SQLSTATE).
    public var error: (any Error)?

    public init(uniqueID: String, status: NodeStatus, threadID: String) {
        self.uniqueID = uniqueID
        self.status = status
        self.threadID = threadID
    }

    /// Seconds spent compiling and executing.
    public var executionTime: Double {
        guard let start = compileStarted ?? executeStarted, let end = executeCompleted ?? compileCompleted else { return 0 }
        return end.timeIntervalSince(start)
    }
}

/// What became of a microbatch model's batches, as run_results.json's `batch_results`.
public struct BatchResults: Sendable, Equatable {
    public var successful: [BatchWindow] = []
    public var failed: [BatchWindow] = []

    public init(successful: [BatchWindow] = [], failed: [BatchWindow] = []) {
        self.successful = successful
        self.failed = failed
    }
}
