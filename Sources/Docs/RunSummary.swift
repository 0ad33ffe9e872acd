import Artifacts
import Warehouse

/// The last run (`run_results.json`) as the site's "Last run" panel needs it: per node its
/// status, thread, start (milliseconds after the run's first start) and duration, so the page
/// draws the timeline without parsing timestamps.
struct RunSummary {
    let json: JSONValue

    init(runResults: JSONValue, index: EntryIndex) {
        let results = runResults["results"]?.arrayValue ?? []
        let spans = results.map(Self.span)
        let origin = spans.compactMap { $0?.start }.min()
        var summary = JSONObject()
        let args = runResults["args"]
        summary["command"] = args?["which"] ?? .null
        summary["target"] = args?["target"] ?? .null
        summary["threads"] = args?["threads"] ?? .null
        summary["generated_at"] = runResults["metadata"]?["generated_at"] ?? .null
        summary["elapsed"] = runResults["elapsed_time"] ?? .null
        summary["results"] = .array(
            zip(results, spans).map { result, span in
                var item = JSONObject()
                let id = result["unique_id"]?.stringValue ?? ""
                if let position = index.position(of: id) {
                    item["entry"] = .int(position)
                } else {
                    item["id"] = .string(id)
                }
                item["status"] = result["status"] ?? .null
                if let thread = result["thread_id"]?.text { item["thread"] = .string(thread) }
                if let span, let origin {
                    item["start"] = .double(Self.milliseconds(span.start - origin))
                    item["duration"] = .double(Self.milliseconds(span.end - span.start))
                } else {
                    item["duration"] = .double(Self.milliseconds(result["execution_time"]?.doubleValue ?? 0))
                }
                if let message = result["message"]?.text {
                    item["message"] = .string(String(message.prefix(2000)))
                }
                if let failures = result["failures"]?.intValue, failures > 0 {
                    item["failures"] = .int(failures)
                }
                return .object(item)
            })
        json = .object(summary)
    }

    /// Rounded to a tenth of a millisecond: enough for a timeline, short in the file.
    private static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 10_000).rounded() / 10
    }

    /// From the first `started_at` to the last `completed_at` of the result's timings (compile
    /// and execute), in seconds since 1970.
    private static func span(_ result: JSONValue) -> (start: Double, end: Double)? {
        let timing = result["timing"]?.arrayValue ?? []
        let starts = timing.compactMap { $0["started_at"]?.stringValue.flatMap(seconds) }
        let ends = timing.compactMap { $0["completed_at"]?.stringValue.flatMap(seconds) }
        guard let start = starts.min(), let end = ends.max(), end >= start else { return nil }
        return (start, end)
    }

    /// `2024-06-10T15:39:22.035617Z` (dbt's timings, naive UTC) or with a `+00:00` offset.
    static func seconds(_ text: String) -> Double? {
        let characters = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            return Int(String(decoding: characters[range], as: UTF8.self))
        }
        guard characters.count >= 19, let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        var cursor = 19
        if cursor < characters.count, characters[cursor] == UInt8(ascii: ".") {
            var scale = 0.1
            cursor += 1
            while cursor < characters.count, let digit = Int(String(UnicodeScalar(characters[cursor]))) {
                fraction += Double(digit) * scale
                scale /= 10
                cursor += 1
            }
        }
        var offset = 0
        if cursor + 6 <= characters.count,
            characters[cursor] == UInt8(ascii: "+") || characters[cursor] == UInt8(ascii: "-"),
            let hours = number(cursor + 1..<cursor + 3), let minutes = number(cursor + 4..<cursor + 6)
        {
            offset = (hours * 60 + minutes) * 60 * (characters[cursor] == UInt8(ascii: "-") ? -1 : 1)
        }
        let days = CivilDate.daysSince1970(year, month, day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    }
}
