import Foundation

/// The batch sizes of dbt's microbatch strategy.
public enum BatchSize: String, Sendable, CaseIterable {
    case hour, day, month, year
}

/// Event-time arithmetic for incremental models, always in UTC as dbt's microbatch does:
/// truncating to batch boundaries, stepping by batches or by intervals such as `1 day`, and
/// reading the timestamps warehouses and configs write.
public enum EventTime {
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The start of the batch `date` falls in (dbt's `truncate_timestamp`).
    public static func truncate(_ date: Date, to size: BatchSize) -> Date {
        var parts = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        switch size {
        case .hour: break
        case .day: parts.hour = 0
        case .month: (parts.day, parts.hour) = (1, 0)
        case .year: (parts.month, parts.day, parts.hour) = (1, 1, 0)
        }
        return calendar.date(from: parts) ?? date
    }

    /// The batch boundary `count` batches from the start of `date`'s batch (dbt's `offset_timestamp`).
    public static func offset(_ date: Date, by size: BatchSize, _ count: Int) -> Date {
        let component: Calendar.Component
        switch size {
        case .hour: component = .hour
        case .day: component = .day
        case .month: component = .month
        case .year: component = .year
        }
        let start = truncate(date, to: size)
        return calendar.date(byAdding: component, value: count, to: start) ?? start
    }

    /// `date` if it is a batch boundary, else the next boundary (dbt's `ceiling_timestamp`).
    public static func ceiling(_ date: Date, to size: BatchSize) -> Date {
        let start = truncate(date, to: size)
        return start == date ? date : offset(start, by: size, 1)
    }

    /// A batch's id as dbt names it: `20240917` for a day, `20240917T16` for an hour.
    public static func batchID(_ start: Date, size: BatchSize) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: start)
        let year = String(format: "%04d", parts.year ?? 0)
        let month = String(format: "%02d", parts.month ?? 0)
        let day = String(format: "%02d", parts.day ?? 0)
        switch size {
        case .year: return year
        case .month: return year + month
        case .day: return year + month + day
        case .hour: return year + month + day + "T" + String(format: "%02d", parts.hour ?? 0)
        }
    }

    /// Reads `2024-09-17`, `2024-09-17 16:06:00`, `2024-09-17T16:06:00.123456`, with an optional
    /// `Z` or `+02`/`+02:00` offset (converted to UTC); without one the time is taken as UTC.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        var parts = DateComponents(hour: 0, minute: 0, second: 0)
        var fraction = 0.0
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == 32 || bytes[index] == 84 {  // ' ' or 'T'
            index += 1
            guard let hour = number(2), expect(58), let minute = number(2) else { return nil }
            parts.hour = hour
            parts.minute = minute
            if expect(58) {
                guard let second = number(2) else { return nil }
                parts.second = second
                if expect(46) {
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                        fraction += Double(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            if expect(90) || expect(122) {  // Z
            } else if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 {  // + or -
                let sign = bytes[index] == 45 ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(58)
                let minutes = number(2) ?? 0
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == bytes.count,
            let date = utcDate(year, month, day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        else { return nil }
        return date.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    /// The UTC instant of a calendar date and time; nil for one that does not exist
    /// (`2024-02-30`, `25:00`), which the calendar would otherwise roll over.
    public static func utcDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date? {
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: parts) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard back.year == year, back.month == month, back.day == day, back.hour == hour, back.minute == minute,
            back.second == second
        else { return nil }
        return date
    }

    /// An interval such as `1 day`, `6 hours`, `2 weeks`, `1 day 12 hours` or `3 months`, as
    /// calendar components; nil if it is not one.
    public static func interval(_ text: String) -> DateComponents? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var result = DateComponents()
        for index in stride(from: 0, to: words.count, by: 2) {
            guard let count = Int(words[index]), count >= 0 else { return nil }
            var unit = String(words[index + 1])
            if unit.hasSuffix("s") { unit.removeLast() }
            switch unit {
            case "minute": result.minute = (result.minute ?? 0) + count
            case "hour": result.hour = (result.hour ?? 0) + count
            case "day": result.day = (result.day ?? 0) + count
            case "week": result.day = (result.day ?? 0) + 7 * count
            case "month": result.month = (result.month ?? 0) + count
            case "year": result.year = (result.year ?? 0) + count
            default: return nil
            }
        }
        return result
    }

    /// `date` moved back by `interval`.
    public static func subtract(_ interval: DateComponents, from date: Date) -> Date {
        var negative = DateComponents()
        negative.year = interval.year.map { -$0 }
        negative.month = interval.month.map { -$0 }
        negative.day = interval.day.map { -$0 }
        negative.hour = interval.hour.map { -$0 }
        negative.minute = interval.minute.map { -$0 }
        return calendar.date(byAdding: negative, to: date) ?? date
    }

    /// Python's `str()` of a UTC datetime: `2024-09-17 16:06:00+00:00`, with microseconds when
    /// there are any.
    public static func pythonString(_ date: Date) -> String {
        text(date, dateOnlyAtMidnight: false) + "+00:00"
    }

    /// `2024-09-17 16:06:00` (or `2024-09-17` at midnight when `dateOnlyAtMidnight`).
    static func text(_ date: Date, dateOnlyAtMidnight: Bool) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let microseconds = Int((Double(parts.nanosecond ?? 0) / 1000).rounded())
        if dateOnlyAtMidnight, parts.hour == 0, parts.minute == 0, parts.second == 0, microseconds == 0 { return day }
        var result = day + String(format: " %02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        if microseconds > 0 { result += String(format: ".%06d", microseconds) }
        return result
    }
}

extension SQLDialect {
    /// The text of a timestamp literal compared with event-time columns (inside quotes).
    ///
    /// PostgreSQL and Redshift get what dbt writes, Python's `str()` of the UTC datetime
    /// (`2024-09-17 00:00:00+00:00`), which casts to `timestamp`, `timestamptz` and `date`.
    /// SQLite compares text: a midnight boundary is written as the bare date, which sorts before
    /// every time of that day whether a column holds `2024-09-17` or `2024-09-17 10:00:00`.
    public func eventTimeLiteral(_ date: Date) -> String {
        relationsIncludeDatabase ? EventTime.pythonString(date) : EventTime.text(date, dateOnlyAtMidnight: true)
    }

    /// `column >= 'start' and column < 'end'` for one batch or window.
    public func eventTimeRange(_ column: String, from start: Date?, to end: Date?) -> String {
        var conditions: [String] = []
        if let start { conditions.append("\(column) >= '\(eventTimeLiteral(start))'") }
        if let end { conditions.append("\(column) < '\(eventTimeLiteral(end))'") }
        return conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " and ")
    }
}
