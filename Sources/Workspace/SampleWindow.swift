import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import SQLDialect

/// dbt's `--sample` of `run` and `build` (also `DBT_SAMPLE`): refs and sources of models and
/// snapshots whose target has an `event_time` read only the rows of this window (a microbatch
/// batch, what its batch and the window share). Given as a relative window, `'3 days'` (an
/// integer, then `hour`, `day`, `month` or `year`, plural or not) ending now, or as
/// `{start: 2024-01-01, end: 2024-01-03}`, in UTC, as dbt's `SampleWindow` reads it.
public struct SampleWindow: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Reads the option's value; a relative window ends at `now`.
    public static func parse(_ text: String, now: Date = Date(), option: String = "--sample") throws -> SampleWindow {
        if text.drop(while: { $0 == " " }).first == "{" { return try parse(mapping: text, option: option) }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw invalid(option, "Cannot load SAMPLE_WINDOW from '\(text)'. Must be of form 'DAYS_INT GRAIN_SIZE'.")
        }
        guard let lookback = Int(parts[0]) else {
            throw invalid(option, "Unable to convert '\(parts[0])' to an integer.")
        }
        // dbt's `rstrip("s")`: every trailing `s`.
        var grain = parts[1].lowercased()
        while grain.hasSuffix("s") { grain.removeLast() }
        let calendar = EventTime.calendar
        let start: Date?
        switch grain {
        case "hour": start = now.addingTimeInterval(-3600 * Double(lookback))
        case "day": start = now.addingTimeInterval(-86400 * Double(lookback))
        case "month": start = calendar.date(byAdding: .month, value: -lookback, to: now)
        case "year": start = calendar.date(byAdding: .year, value: -lookback, to: now)
        default:
            throw invalid(
                option,
                "Invalid grain size '\(parts[1])'. Must be one of ['hour', 'day', 'month', 'year', 'hours', 'days', 'months', 'years'].")
        }
        return SampleWindow(start: start ?? now, end: now)
    }

    private static func parse(mapping text: String, option: String) throws -> SampleWindow {
        let file = SourceFile(name: option, text: text)
        let yaml = try YAMLReader.parse(file)
        func instant(_ key: String) throws -> Date {
            guard let value = yaml[key]?.string else {
                throw invalid(option, "the window has no '\(key)'")
            }
            guard let date = EventTime.parse(value) else {
                throw invalid(option, "'\(key)' is not a date or a date and time: '\(value)'")
            }
            return date
        }
        return SampleWindow(start: try instant("start"), end: try instant("end"))
    }

    private static func invalid(_ option: String, _ problem: String) -> Diagnostic {
        Diagnostic(
            code: "W1708", message: "\(option): \(problem)",
            help: "write a relative window such as '3 days' (hour, day, month or year), or \"{'start': '2024-07-01', 'end': '2024-07-02'}\" (UTC)")
    }
}
