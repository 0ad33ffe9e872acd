import Execution
import Planning
import Foundation

/// `target/run_results.json` (schema v6) as dbt 1.11 writes it: one entry per node run, with
/// its status, timings, thread, adapter response, message, failures and compiled code.
public struct RunResultsWriter {
    public static let schemaVersion = "https://schemas.getdbt.com/dbt/run-results/v6.json"

    public var metadata: ArtifactMetadata
    /// `args`: the invocation's flags as dbt records them (`which`, `select`, ...).
    public var args: JSONObject

    public init(metadata: ArtifactMetadata, args: JSONObject) {
        self.metadata = metadata
        self.args = args
    }

    public func document(results: [NodeResult], elapsed: TimeInterval) -> JSONValue {
        var root = JSONObject()
        root["metadata"] = .object(metadata.jsonObject(schemaVersion: Self.schemaVersion))
        root["results"] = .array(results.map(entry))
        root["elapsed_time"] = .double(elapsed)
        root["args"] = .object(args)
        return .object(root)
    }

    func entry(_ result: NodeResult) -> JSONValue {
        var entry = JSONObject()
        entry["status"] = .string(result.status.rawValue)
        entry["timing"] = Self.timing(
            compile: (result.compileStarted, result.compileCompleted), execute: (result.executeStarted, result.executeCompleted))
        entry["thread_id"] = .string(result.threadID)
        entry["execution_time"] = .double(result.executionTime)
        entry["adapter_response"] = Self.adapterResponse(
            message: result.responseMessage, code: result.responseCode, rowsAffected: result.rowsAffected,
            queryID: result.responseHasQueryID)
        entry["message"] = .string(result.message ?? (result.status == .success ? result.responseMessage : nil))
        entry["failures"] = result.failures.map(JSONValue.int) ?? .null
        entry["unique_id"] = .string(result.uniqueID)
        entry["compiled"] = result.compiled.map(JSONValue.bool) ?? (result.compiledCode == nil ? .null : .bool(true))
        entry["compiled_code"] = .string(result.compiledCode)
        entry["relation_name"] = .string(result.relationName)
        entry["batch_results"] = result.batchResults.map(Self.batchResults) ?? .null
        return .object(entry)
    }

    /// dbt's `TimingInfo` list: the compile and execute spans that have both ends.
    static func timing(compile: (Date?, Date?), execute: (Date?, Date?)) -> JSONValue {
        .array([("compile", compile), ("execute", execute)].compactMap { name, span in
            guard let start = span.0, let end = span.1 else { return nil }
            return .object(["name": .string(name), "started_at": .string(timestamp(start)), "completed_at": .string(timestamp(end))])
        })
    }

    /// dbt's `AdapterResponse`: empty when the warehouse said nothing; the code defaults to the
    /// message, rows affected to -1.
    static func adapterResponse(message: String?, code: String?, rowsAffected: Int?, queryID: Bool = false) -> JSONValue {
        var response = JSONObject()
        if let message {
            response["_message"] = .string(message)
            response["code"] = .string(code ?? message)
            response["rows_affected"] = rowsAffected.map(JSONValue.int) ?? .int(-1)
            if queryID { response["query_id"] = .null }
        }
        return .object(response)
    }

    /// Batches as dbt writes them: `[start, end]` pairs of ISO timestamps with a UTC offset.
    static func batchResults(_ results: BatchResults) -> JSONValue {
        func windows(_ list: [BatchWindow]) -> JSONValue {
            .array(list.map { .array([.string(batchTimestamp($0.start)), .string(batchTimestamp($0.end))]) })
        }
        return .object(["successful": windows(results.successful), "failed": windows(results.failed)])
    }

    public static func batchTimestamp(_ date: Date) -> String { date.pythonISOFormat(utcSuffix: "+00:00") }

    /// `args.event_time_start`/`event_time_end`: dbt records the naive datetimes its
    /// `--event-time-*` options parse, as `isoformat()` writes them (`2024-01-01T00:00:00`).
    public static func argsTimestamp(_ date: Date) -> String { date.pythonISOFormat(utcSuffix: "") }

    /// dbt writes timings as naive UTC with a `Z`.
    static func timestamp(_ date: Date) -> String { date.pythonISOFormat(utcSuffix: "Z") }
}
