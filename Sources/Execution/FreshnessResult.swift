import Foundation
import ProjectModel

/// How one source's freshness check ended, with sources.json's status names.
public enum FreshnessStatus: String, Sendable {
    case pass, warn, error
    /// The check could not be made (a missing relation, a query error, a value that is no timestamp).
    case runtimeError = "runtime error"

    /// Whether the check counts as failed: dbt's exit status is 1 then.
    public var isFailure: Bool { self == .error || self == .runtimeError }

    /// The status of a check that was made.
    public init(_ verdict: FreshnessThreshold.Verdict) {
        switch verdict {
        case .pass: self = .pass
        case .warn: self = .warn
        case .error: self = .error
        }
    }
}

/// What checking one source's freshness found: its newest row's load time, the warehouse's
/// clock when it looked, the age between them and the status the thresholds give that age.
public struct FreshnessResult: Sendable {
    public var uniqueID: String
    public var status: FreshnessStatus
    public var threadID: String
    public var criteria: FreshnessThreshold
    /// The newest load time (UTC); the year 1 when the query found no row, as dbt takes it.
    public var maxLoadedAt: Date?
    /// The warehouse's `current_timestamp` (UTC) when the query ran.
    public var snapshottedAt: Date?
    /// The main statement's status (`SELECT 1`), code and rows affected.
    public var responseMessage: String?
    public var responseCode: String?
    public var rowsAffected: Int?
    /// Rendering the freshness macro, then running its query.
    public var compileStarted: Date?
    public var compileCompleted: Date?
    public var executeStarted: Date?
    public var executeCompleted: Date?
    /// Why a runtime error happened.
    public var error: (any Error)?

    public init(uniqueID: String, status: FreshnessStatus, threadID: String, criteria: FreshnessThreshold) {
        self.uniqueID = uniqueID
        self.status = status
        self.threadID = threadID
        self.criteria = criteria
    }

    /// Seconds between the newest load and the query, as dbt's `age` (negative for data
    /// loaded in the future).
    public var age: Double? {
        guard let maxLoadedAt, let snapshottedAt else { return nil }
        return snapshottedAt.timeIntervalSince(maxLoadedAt)
    }

    /// Seconds spent rendering and querying.
    public var executionTime: Double {
        guard let start = compileStarted ?? executeStarted, let end = executeCompleted ?? compileCompleted else { return 0 }
        return end.timeIntervalSince(start)
    }
}
