import Artifacts
import Diagnostics
import Execution
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Selection

/// `weir retry`: the previous `run`, `seed`, `snapshot`, `test`, `build` or `run-operation` as
/// its run_results.json recorded it: the command and the settings it ran with (`args`), and how
/// each node ended.
///
/// dbt's `RetryTask` replays the recorded args, runs again exactly the nodes whose status is
/// retryable, and hands a microbatch model that partly failed the batches that failed. This
/// value holds what is needed to do the same; `configuration(basedOn:vars:threads:)` and
/// `request` turn it into an invocation.
public struct PreviousRun: Sendable {
    /// One node's entry in `results`.
    public struct Result: Sendable, Equatable {
        public var uniqueID: String
        /// dbt's status name (`success`, `error`, `partial success`, ...), kept as written:
        /// dbt's `runtime error` has no `NodeStatus` of Weir's.
        public var status: String
        public var batchResults: BatchResults?

        public init(uniqueID: String, status: String, batchResults: BatchResults? = nil) {
            self.uniqueID = uniqueID
            self.status = status
            self.batchResults = batchResults
        }
    }

    /// `args.warn_error_options` as recorded when nothing was given (which dbt's retry drops).
    static let noWarnErrorOptions: JSONValue = ["error": [], "warn": [], "silence": []]

    /// dbt's `RETRYABLE_STATUSES`.
    public static let retryableStatuses: Set<String> = [
        "error", "fail", "skipped", "runtime error", "partial success",
    ]

    /// `args.which`: the command that ran nodes, or nil for a `run-operation` (`operation`).
    public var command: RunRequest.Command?
    /// A `run-operation`'s macro and `--args`, run again when it failed (as dbt's retry does).
    public var operation: (macro: String, arguments: ConfigMap)?
    public var selection: SelectionRequest
    /// `args.target`: absent when dbt ran without `--target` (Weir always records it).
    public var target: String?
    /// `args.threads`: absent when dbt ran without `--threads` (Weir records the threads used).
    public var threads: Int?
    public var vars: ConfigMap
    public var fullRefresh: Bool
    /// `args.empty` (`--empty`).
    public var empty: Bool
    public var failFast: Bool
    public var eventTimeStart: Date?
    public var eventTimeEnd: Date?
    /// `args.state` and `args.defer_state`: the earlier artifacts the invocation read (a clone's
    /// relations, `--defer`'s), which a retry reads again when not given others.
    public var statePath: String?
    public var deferStatePath: String?
    /// Whether nodes that warned are run again too: `weir retry --warn-error` (dbt's retry adds
    /// `warn` to the retryable statuses then).
    public var retriesWarnings = false
    /// `args.warn_error_options` when it names anything: replayed, as dbt's retry replays it.
    public var warnErrorOptions: ConfigValue?
    /// `metadata.invocation_started_at`, else `generated_at`, as dbt's retry takes it.
    public var invocationStartedAt: Date?
    public var results: [Result]

    /// The nodes to run again: those with a retryable status, but not the `on-run-*` hooks,
    /// which run with any invocation (dbt leaves out `operation.` ids unless it retries
    /// `run-operation`).
    /// With `retriesWarnings`, the nodes that warned too.
    public var retryIDs: Set<String> {
        Set(
            results.filter {
                (Self.retryableStatuses.contains($0.status) || (retriesWarnings && $0.status == "warn"))
                    && !$0.uniqueID.hasPrefix("operation.")
            }.map(\.uniqueID))
    }

    /// The failed batches of each microbatch model that has both successful and failed ones
    /// (whatever its status: after a retry that failed again dbt records `error` and keeps the
    /// earlier successes). dbt hands no batches to a model none of whose batches succeeded:
    /// batches force an incremental build, and such a model may need a full refresh.
    public var batchesToRetry: [String: [BatchWindow]] {
        var batches: [String: [BatchWindow]] = [:]
        for result in results where !result.uniqueID.hasPrefix("operation.") {
            guard let batchResults = result.batchResults, !batchResults.successful.isEmpty,
                !batchResults.failed.isEmpty
            else { continue }
            batches[result.uniqueID] = batchResults.failed
        }
        return batches
    }

    /// The configuration that replays the previous invocation. `base` gives what belongs to this
    /// invocation (project and profiles directories, environment, file system, log sink); the
    /// recorded command, target, threads, vars and full refresh win over it, as in dbt, except
    /// that `vars` and `threads` given to `weir retry` replace the recorded ones (dbt's
    /// `ALLOW_CLI_OVERRIDE_FLAGS`). A `--target` given to `weir retry` is ignored, as dbt
    /// ignores it: the nodes to retry are the previous target's.
    public func configuration(basedOn base: WorkspaceConfiguration, vars: ConfigMap?, threads: Int?)
        -> WorkspaceConfiguration
    {
        var configuration = base
        configuration.command = command?.rawValue ?? "run-operation"
        configuration.targetName = target
        configuration.threads = threads ?? self.threads
        configuration.cliVars = vars ?? self.vars
        configuration.fullRefresh = fullRefresh
        configuration.empty = empty
        configuration.statePath = configuration.statePath ?? statePath
        configuration.deferStatePath = configuration.deferStatePath ?? deferStatePath
        // `--warn-error` is the retry's own (dbt's `IGNORE_PARENT_FLAGS`); the options are replayed.
        configuration.warnErrorOptions = warnErrorOptions.map { ($0, "warn_error_options of the run retried") }
        return configuration
    }

    /// The request that runs again exactly the nodes to retry, with the previous invocation's
    /// selection (recorded again in the new run_results.json, as dbt does), fail-fast and event
    /// times.
    public var request: RunRequest {
        var request = RunRequest(command: command ?? .run, selection: selection)
        request.uniqueIDs = retryIDs
        request.batchesToRetry = batchesToRetry
        request.failFast = failFast
        request.eventTimeStart = eventTimeStart
        request.eventTimeEnd = eventTimeEnd
        request.originalInvocationStartedAt = invocationStartedAt
        return request
    }
}

extension PreviousRun {
    /// Reads a run_results.json document. `path` names the file in diagnostics.
    public init(runResults bytes: [UInt8], path: String) throws {
        func unreadable(_ reason: String) -> Diagnostic { .unreadablePreviousRun(path, reason: reason) }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw unreadable("\(error)")
        }
        guard let args = document["args"]?.objectValue, let entries = document["results"]?.arrayValue else {
            throw unreadable("it has no `args` or no `results`")
        }
        let which = args["which"]?.stringValue
        if which == "run-operation", let macro = args["macro"]?.stringValue {
            operation = (macro, args["args"]?.objectValue.map(ConfigMap.init(json:)) ?? ConfigMap())
        } else if which.flatMap(RunRequest.Command.init(rawValue:)) == nil {
            throw Diagnostic.commandNotRetryable(which, path: path)
        }
        func strings(_ key: String) -> [String] { args[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        func flag(_ key: String) -> Bool { args[key] == .bool(true) }
        func timestamp(_ value: JSONValue?, _ what: String) throws -> Date? {
            guard let value, value != .null else { return nil }
            guard let text = value.stringValue, let date = EventTime.parse(text) else {
                throw unreadable("\(what) is not a timestamp: \(value.serialized())")
            }
            return date
        }

        command = which.flatMap(RunRequest.Command.init(rawValue:))
        selection = SelectionRequest(
            select: strings("select"), exclude: strings("exclude"), selector: args["selector"]?.stringValue,
            indirectSelection: args["indirect_selection"]?.stringValue.flatMap(IndirectSelection.init(rawValue:)) ?? .eager)
        target = args["target"]?.stringValue
        if case .int(let threads) = args["threads"] { self.threads = threads }
        vars = args["vars"]?.objectValue.map(ConfigMap.init(json:)) ?? ConfigMap()
        fullRefresh = flag("full_refresh")
        if let options = args["warn_error_options"], options != Self.noWarnErrorOptions {
            warnErrorOptions = ConfigValue(json: options)
        }
        empty = flag("empty")
        failFast = flag("fail_fast")
        eventTimeStart = try timestamp(args["event_time_start"], "args.event_time_start")
        eventTimeEnd = try timestamp(args["event_time_end"], "args.event_time_end")
        statePath = args["state"]?.stringValue
        deferStatePath = args["defer_state"]?.stringValue
        let metadata = document["metadata"]
        invocationStartedAt =
            try timestamp(metadata?["invocation_started_at"], "metadata.invocation_started_at")
            ?? timestamp(metadata?["generated_at"], "metadata.generated_at")

        results = []
        for entry in entries {
            guard let uniqueID = entry["unique_id"]?.stringValue, let status = entry["status"]?.stringValue
            else {
                throw unreadable("a result has no `unique_id` or `status`")
            }
            var result = Result(uniqueID: uniqueID, status: status)
            if let batches = entry["batch_results"], batches != .null {
                func windows(_ key: String) throws -> [BatchWindow] {
                    try (batches[key]?.arrayValue ?? []).map { pair in
                        let bounds = try (pair.arrayValue ?? []).map {
                            try timestamp($0, "a batch of \(uniqueID)")
                        }
                        guard bounds.count == 2, let start = bounds[0], let end = bounds[1] else {
                            throw unreadable(
                                "a batch of \(uniqueID) is not a [start, end] pair: \(pair.serialized())")
                        }
                        return BatchWindow(start: start, end: end)
                    }
                }
                result.batchResults = BatchResults(
                    successful: try windows("successful"), failed: try windows("failed"))
            }
            results.append(result)
        }
    }
}

/// `weir retry`'s diagnostics, W17xx.
extension Diagnostic {
    /// W1701: dbt's "Could not find previous run in 'target' target directory".
    static func noPreviousRun(_ targetPath: String) -> Diagnostic {
        Diagnostic(
            code: "W1701", message: "could not find previous run in '\(targetPath)' target directory",
            help:
                "weir retry reruns what failed in the last `weir run`, `build`, `seed` or `test` (one with nothing to do leaves nothing to retry)"
        )
    }

    /// W1702: run_results.json exists but cannot be read as one.
    static func unreadablePreviousRun(_ path: String, reason: String) -> Diagnostic {
        Diagnostic(code: "W1702", message: "could not read the previous run from \(path): \(reason)")
    }

    /// W1703: the previous invocation was not one Weir can run again.
    static func commandNotRetryable(_ which: String?, path: String) -> Diagnostic {
        Diagnostic(
            code: "W1703",
            message: which.map { "weir retry cannot run `\($0)` again (recorded in \(path))" }
                ?? "\(path) does not say which command ran (`args.which`)",
            help: "weir retry reruns `run`, `build`, `seed`, `snapshot`, `test` and `run-operation`")
    }
}
