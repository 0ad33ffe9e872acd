import Execution
import Foundation
import ProjectModel

/// `target/sources.json` (schema v3) as dbt 1.11 writes it after `source freshness`: one entry
/// per source checked, with its newest load time, the warehouse's clock, the age between them,
/// the status and the thresholds. A check that could not be made is written as the schema's
/// `SourceFreshnessRuntimeError` (dbt 1.11 leaves it out; its readers accept both).
public struct SourcesWriter {
    public static let schemaVersion = "https://schemas.getdbt.com/dbt/sources/v3.json"

    public var metadata: ArtifactMetadata

    public init(metadata: ArtifactMetadata) { self.metadata = metadata }

    public func document(results: [FreshnessResult], elapsed: TimeInterval) -> JSONValue {
        var root = JSONObject()
        root["metadata"] = .object(metadata.jsonObject(schemaVersion: Self.schemaVersion))
        root["results"] = .array(results.map(entry))
        root["elapsed_time"] = .double(elapsed)
        return .object(root)
    }

    func entry(_ result: FreshnessResult) -> JSONValue {
        var entry = JSONObject()
        entry["unique_id"] = .string(result.uniqueID)
        guard result.status != .runtimeError, let maxLoadedAt = result.maxLoadedAt, let snapshottedAt = result.snapshottedAt else {
            entry["error"] = .string(result.error.map { String(describing: $0) })
            entry["status"] = .string(FreshnessStatus.runtimeError.rawValue)
            return .object(entry)
        }
        entry["max_loaded_at"] = .string(Self.timestamp(maxLoadedAt))
        entry["snapshotted_at"] = .string(Self.timestamp(snapshottedAt))
        entry["max_loaded_at_time_ago_in_s"] = .double(result.age ?? 0)
        entry["status"] = .string(result.status.rawValue)
        entry["criteria"] = Self.criteria(result.criteria)
        entry["adapter_response"] = RunResultsWriter.adapterResponse(
            message: result.responseMessage, code: result.responseCode, rowsAffected: result.rowsAffected)
        entry["timing"] = RunResultsWriter.timing(
            compile: (result.compileStarted, result.compileCompleted), execute: (result.executeStarted, result.executeCompleted))
        entry["thread_id"] = .string(result.threadID)
        entry["execution_time"] = .double(result.executionTime)
        return .object(entry)
    }

    /// dbt's `FreshnessThreshold` with every field.
    static func criteria(_ threshold: FreshnessThreshold) -> JSONValue {
        func time(_ time: FreshnessThreshold.Time) -> JSONValue {
            .object(["count": time.count.map(JSONValue.int) ?? .null, "period": .string(time.period)])
        }
        return .object([
            "warn_after": time(threshold.warnAfter), "error_after": time(threshold.errorAfter), "filter": .string(threshold.filter),
        ])
    }

    /// Load times and the warehouse's clock, timezone-aware in UTC (`2024-06-10T15:39:22+00:00`).
    static func timestamp(_ date: Date) -> String { date.pythonISOFormat(utcSuffix: "+00:00") }
}
