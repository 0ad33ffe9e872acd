import Diagnostics
import Execution
import Foundation
import Planning
import ProjectModel
import Selection

/// What `weir run`, `seed`, `test`, `build` and `plan` ask of the workspace.
public struct RunRequest: Sendable {
    public enum Command: String, Sendable {
        case run, seed, snapshot, test, build
        /// `weir clone`: the state's relations made again in the target (see `RunSession.prepareClone`).
        case clone
    }

    public var command: Command
    public var selection: SelectionRequest
    public var failFast = false
    /// `--resource-type` and `--exclude-resource-type` (`build`, `test`, `clone`): the kinds of
    /// node to run, of those the command runs; nil for all of them.
    public var resourceTypes: Set<ResourceType>?
    /// `weir plan --dialect`: plan for an empty warehouse of this dialect without connecting.
    public var offlineDialect: String?
    /// `--event-time-start`/`--event-time-end`: the range microbatch models build (a backfill).
    public var eventTimeStart: Date?
    public var eventTimeEnd: Date?
    /// `weir retry`: for a microbatch model that partly failed, the batches to run again instead
    /// of the ones its configuration gives.
    public var batchesToRetry: [String: [BatchWindow]] = [:]
    /// `weir retry`: exactly these nodes, whatever their resource type, instead of `selection`
    /// (dbt retry's graph queue of the previous run's failed and skipped nodes). Ids the project
    /// no longer has, or no longer enables, are left out.
    public var uniqueIDs: Set<String>?
    /// `weir retry`: when the invocation being retried started. Microbatch models compute their
    /// default batches up to it rather than up to now, so a retry redoes the same batches (dbt's
    /// `original_invocation_started_at`).
    public var originalInvocationStartedAt: Date?

    public init(command: Command, selection: SelectionRequest) {
        self.command = command
        self.selection = selection
    }
}

/// How a run ended.
public struct RunOutcome: Sendable {
    public var results: [NodeResult]
    public var startedAt: Date
    public var elapsed: TimeInterval
    public var cancelled: Bool
    /// Warnings found while running (a seed file's short rows, say), for the caller to print.
    public var warnings: [Diagnostic] = []
    /// Whether no node was selected (dbt's NothingToDo): nothing connected or ran, not even the
    /// hooks, and run_results.json was written without results.
    public var nothingToDo = false

    /// dbt's exit status: 1 when a node errored or a test failed, 0 otherwise (warnings pass).
    public var exitStatus: Int32 {
        if cancelled { return 2 }
        // A skipped node counts, as in dbt's `interpret_results` (all of a run's nodes are
        // skipped when an ephemeral model they use failed to compile).
        return results.contains { $0.status.isFailure } ? 1 : 0
    }
}
