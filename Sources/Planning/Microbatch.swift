import Diagnostics
import Foundation
import ProjectModel
import SQLDialect

/// One batch of a microbatch model: the half-open event-time range `[start, end)`.
public struct BatchWindow: Sendable, Hashable, Comparable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public static func < (a: BatchWindow, b: BatchWindow) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

extension BatchWindow: CustomStringConvertible {
    /// `2024-03-01 00:00:00+00:00 to 2024-03-02 00:00:00+00:00`, as plans and messages name a batch.
    public var description: String { "\(EventTime.pythonString(start)) to \(EventTime.pythonString(end))" }
}

/// A microbatch model's settings (dbt 1.9's `incremental_strategy='microbatch'`), checked, and
/// the batches a run builds.
public struct Microbatch: Sendable {
    /// The model's own event-time column: each batch replaces the target rows in its range.
    public var eventTime: String
    public var batchSize: BatchSize
    public var begin: Date?
    /// How many batches before the current one an incremental run rebuilds (dbt's default 1).
    public var lookback: Int
    /// `concurrent_batches`: whether the middle batches may run at once.
    public var concurrentBatches: Bool

    public static func isMicrobatch(_ node: ManifestNode) -> Bool {
        node.materialized == "incremental" && node.config["incremental_strategy"]?.stringValue == "microbatch"
    }

    public init(node: ManifestNode) throws {
        let config = node.config
        guard let eventTime = config["event_time"]?.stringValue, !eventTime.isEmpty else {
            throw Self.problem(
                node, "must provide an 'event_time' (string) config that indicates the name of the event time column",
                help: "add event_time='<column>' to the model's config: the column each batch's rows are replaced by")
        }
        self.eventTime = eventTime
        guard let sizeName = config["batch_size"]?.stringValue, let size = BatchSize(rawValue: sizeName) else {
            throw Self.problem(
                node, "does not have a valid 'batch_size' config (one of hour, day, month, year)",
                help: "add batch_size='day' (or hour, month, year) to the model's config")
        }
        batchSize = size
        if let text = config["begin"]?.stringValue {
            guard let date = EventTime.parse(text) else {
                throw Self.problem(node, "has a 'begin' config that is not a date or timestamp: '\(text)'", help: "write it as 2024-01-01 or 2024-01-01 00:00:00")
            }
            begin = date
        }
        let lookback = config["lookback"]?.intValue ?? 1
        guard lookback >= 0 else {
            throw Self.problem(node, "has a negative 'lookback' (\(lookback))", help: "lookback counts batches: 0 or more")
        }
        self.lookback = lookback
        concurrentBatches = config["concurrent_batches"]?.boolValue ?? false
    }

    /// The batches to build, as dbt's `MicrobatchBuilder` computes them: from `--event-time-start`
    /// if given, else from `begin` on a first run or full refresh, else `lookback` batches before
    /// the current one; up to `--event-time-end` or now, rounded up to a batch boundary.
    public func windows(incremental: Bool, start: Date?, end: Date?, now: Date, node: ManifestNode) throws -> [BatchWindow] {
        let last = EventTime.ceiling(end ?? now, to: batchSize)
        let first: Date
        if let start {
            first = EventTime.truncate(start, to: batchSize)
        } else if !incremental {
            guard let begin else {
                throw Self.problem(
                    node, "requires a 'begin' configuration for its first run",
                    help: "add begin='2024-01-01' (the first event time to build) to the model's config")
            }
            first = EventTime.truncate(begin, to: batchSize)
        } else {
            // `last` is a boundary, so the current batch ends there and the lookback counts back
            // from the batch before it (dbt adds one to the lookback in that case).
            first = EventTime.offset(last, by: batchSize, -(lookback + 1))
        }
        var windows: [BatchWindow] = []
        var cursor = first
        repeat {
            let next = EventTime.offset(cursor, by: batchSize, 1)
            windows.append(BatchWindow(start: cursor, end: next))
            cursor = next
        } while cursor < last
        windows[windows.count - 1].end = last
        return windows
    }

    static func problem(_ node: ManifestNode, _ text: String, help: String) -> Diagnostic {
        Diagnostic(code: "W1305", message: "microbatch model '\(node.name)' (\(node.originalFilePath)) \(text)", help: help)
    }
}

/// One batch of a microbatch model's plan: its statements, and what tidies up if they fail.
public struct BatchPlan: Sendable {
    public var window: BatchWindow
    public var steps: [PlanStep]
    public var cleanup: [PlanStep]

    public init(window: BatchWindow, steps: [PlanStep], cleanup: [PlanStep]) {
        self.window = window
        self.steps = steps
        self.cleanup = cleanup
    }
}

/// One batch's compiled SQL, for the planner.
public struct BatchInput: Sendable {
    public var window: BatchWindow
    public var compiledSQL: String

    public init(window: BatchWindow, compiledSQL: String) {
        self.window = window
        self.compiledSQL = compiledSQL
    }
}
