import Diagnostics
import Execution
import Foundation
import ProjectModel
import Workspace

/// `weir source freshness` as dbt prints it (`3 of 9 ERROR STALE freshness of raw.orders ...
/// [ERROR STALE in 0.02s]`), with a summary that says, for each stale source, when it was last
/// loaded and which threshold that passed.
extension RunReporter {
    func handle(_ event: FreshnessEvent) {
        lock.lock()
        defer { lock.unlock() }
        clearProgress()
        switch event {
        case .started(let id, let index, let total):
            running.append(id)
            self.total = total
            emit("\(index) of \(total) START freshness of \(name(of: id))", status: "RUN", level: "info", id: id, event: "FreshnessStart")
        case .statement(let id, let sql):
            statement(sql, id: id)
        case .finished(let result, let index, let total):
            running.removeAll { $0 == result.uniqueID }
            done += 1
            let (verdict, tint) = Self.verdict(result.status)
            let seconds = String(format: "%.2fs", result.executionTime)
            let level = result.status.isFailure ? "error" : result.status == .warn ? "warn" : "info"
            if format == .json {
                var fields: [String: Any] = [
                    "event": "FreshnessResult", "unique_id": result.uniqueID, "status": result.status.rawValue,
                    "message": "\(index) of \(total) \(verdict) freshness of \(name(of: result.uniqueID))", "level": level,
                    "execution_time": result.executionTime, "thread": result.threadID,
                ]
                if let age = result.age { fields["age"] = age }
                line(json(fields))
            } else {
                emit(
                    "\(index) of \(total) \(verdict) freshness of \(name(of: result.uniqueID))", status: "\(verdict) in \(seconds)",
                    tint: tint, level: level, id: result.uniqueID, event: "FreshnessResult")
            }
            if result.status == .runtimeError, let error = result.error {
                detail(error, id: result.uniqueID, compiled: nil)
            }
        }
    }

    /// dbt's words for each status, and their colour.
    static func verdict(_ status: FreshnessStatus) -> (String, String) {
        switch status {
        case .pass: return ("PASS", "32")
        case .warn: return ("WARN", "33")
        case .error: return ("ERROR STALE", "31")
        case .runtimeError: return ("ERROR", "31")
        }
    }

    func freshnessSummary(_ outcome: FreshnessOutcome) {
        stopProgress()
        lock.lock()
        defer { lock.unlock() }
        let results = outcome.results
        let count = { (status: FreshnessStatus) in results.filter { $0.status == status }.count }
        let (pass, warn, error) = (count(.pass), count(.warn), count(.error) + count(.runtimeError))
        if format == .json {
            line(json([
                "event": "FreshnessSummary", "pass": pass, "warn": warn, "error": error, "total": results.count,
                "elapsed": outcome.elapsed, "sources_path": outcome.sourcesPath, "level": "info",
            ]))
            return
        }
        line("")
        let hooks = outcome.hookResults.count
        let ran = (hooks > 0 ? "\(hooks) project hook\(hooks == 1 ? "" : "s"), " : "") + "\(results.count) source\(results.count == 1 ? "" : "s")"
        line(timestamp() + "  Finished running \(ran) in \(String(format: "%.2f", outcome.elapsed))s.")
        let failed = results.filter { $0.status.isFailure || $0.status == .warn }
        if !failed.isEmpty {
            line(timestamp() + "  " + paint("\(error) error\(error == 1 ? "" : "s") and \(warn) warning\(warn == 1 ? "" : "s"):", error > 0 ? "31" : "33"))
            for result in failed { line(timestamp() + "    " + explanation(result)) }
        }
        line(timestamp() + "  Wrote \(outcome.sourcesPath)")
        line(timestamp() + "  Done. PASS=\(pass) WARN=\(warn) ERROR=\(error) TOTAL=\(results.count)")
    }

    /// One line on a source that did not pass: dbt's `Failure in source <name> (<file>)`, then
    /// what was found (`last loaded 2001-06-15 12:30:45 UTC, 25.4 years ago; error_after: 1 day`)
    /// or, for a check that could not be made, the first line of why.
    func explanation(_ result: FreshnessResult) -> String {
        let source = manifest.sources[result.uniqueID]
        let place = source.map { "source \($0.name) (\($0.originalFilePath))" } ?? result.uniqueID
        guard result.status != .runtimeError else {
            let reason = result.error.map { ($0 as? Diagnostic)?.message ?? String(describing: $0) } ?? "unknown error"
            return "Error in \(place): " + (reason.split(separator: "\n").first.map(String.init) ?? reason)
        }
        let kind = result.status == .warn ? "Warning" : "Failure"
        var text = "\(kind) in \(place)"
        if let loaded = result.maxLoadedAt, let age = result.age {
            let when = loaded == FreshnessThreshold.neverLoaded ? "no row loaded" : "last loaded \(Self.utcText(loaded)), \(Self.duration(age)) ago"
            let threshold = result.status == .warn ? ("warn_after", result.criteria.warnAfter) : ("error_after", result.criteria.errorAfter)
            let limit = threshold.1.count.map { count in "\(count) \(threshold.1.period ?? "")\(count == 1 ? "" : "s")" } ?? "?"
            text += ": \(when); \(threshold.0): \(limit)"
        }
        return text
    }

    /// `2001-06-15 12:30:45 UTC`.
    static func utcText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date) + " UTC"
    }

    /// An age in the largest unit that keeps it readable: `45 minutes`, `3.5 hours`, `12 days`, `25.4 years`.
    static func duration(_ seconds: Double) -> String {
        func amount(_ value: Double, _ unit: String) -> String {
            let text = value < 10 && value.rounded() != value ? String(format: "%.1f", value) : String(Int(value.rounded()))
            return "\(text) \(unit)\(text == "1" ? "" : "s")"
        }
        switch seconds {
        case ..<120: return amount(seconds, "second")
        case ..<7200: return amount(seconds / 60, "minute")
        case ..<172_800: return amount(seconds / 3600, "hour")
        case ..<(730 * 86400): return amount(seconds / 86400, "day")
        default: return String(format: "%.1f years", seconds / (365.25 * 86400))
        }
    }
}
