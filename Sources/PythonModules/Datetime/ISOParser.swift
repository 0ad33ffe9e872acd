import Jinja

/// `fromisoformat` of `date`, `datetime` and `time`, ported from CPython 3.11's C parser (which
/// reads UTF-8 bytes and treats the end of the string as a NUL).
struct ISOParser {
    private let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) + [0] }

    private var length: Int { bytes.count - 1 }

    private func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// `parse_digits`: exactly `count` ASCII digits.
    private func digits(_ start: Int, _ count: Int) -> (value: Int, end: Int)? {
        var value = 0
        for offset in 0..<count {
            let b = byte(start + offset)
            guard ISOParser.isDigit(b) else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return (value, start + count)
    }

    /// `parse_isoformat_date` over `bytes[start..<start+length]`: `YYYY-MM-DD`, `YYYYMMDD`,
    /// `YYYY-Www[-D]`, `YYYYWww[D]`.
    private func date(_ start: Int, _ length: Int) -> CivilDate? {
        guard let (year, afterYear) = digits(start, 4) else { return nil }
        var p = afterYear
        let usesSeparator = byte(p) == UInt8(ascii: "-")
        if usesSeparator { p += 1 }
        if byte(p) == UInt8(ascii: "W") {
            p += 1
            guard let (week, afterWeek) = digits(p, 2) else { return nil }
            p = afterWeek
            var weekday = 1
            if p - start < length {
                if usesSeparator {
                    guard byte(p) == UInt8(ascii: "-") else { return nil }
                    p += 1
                }
                guard let (day, _) = digits(p, 1) else { return nil }
                weekday = day
            }
            return try? CivilDate.fromISOCalendar(year: year, week: week, day: weekday)
        }
        guard let (month, afterMonth) = digits(p, 2) else { return nil }
        p = afterMonth
        if usesSeparator {
            guard byte(p) == UInt8(ascii: "-") else { return nil }
            p += 1
        }
        guard let (day, _) = digits(p, 2) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// `parse_hh_mm_ss_ff`: 0 at the end, 1 with text left, nil on failure.
    private func clock(_ start: Int, _ end: Int) -> (fields: [Int], status: Int)? {
        var fields = [0, 0, 0, 0]
        var p = start
        var hasSeparator = true
        for i in 0..<3 {
            guard let (value, after) = digits(p, 2) else { return nil }
            fields[i] = value
            p = after
            let c = byte(p)
            p += 1
            if i == 0 { hasSeparator = c == UInt8(ascii: ":") }
            if p >= end { return (fields, c != 0 ? 1 : 0) }
            if hasSeparator && c == UInt8(ascii: ":") { continue }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { break }
            if !hasSeparator {
                p -= 1
            } else {
                return nil
            }
        }
        // As CPython: after the seconds, whatever digits follow are the fraction.
        let toParse = min(end - p, 6)
        guard toParse > 0, let (micro, after) = digits(p, toParse) else { return nil }
        fields[3] = micro * [100_000, 10_000, 1000, 100, 10, 1][toParse - 1]
        p = after
        while ISOParser.isDigit(byte(p)) { p += 1 }
        return (fields, byte(p) != 0 ? 1 : 0)
    }

    /// `parse_isoformat_time`: the clock and, when present, the offset in microseconds.
    private func time(_ start: Int) -> (fields: [Int], offset: Int?)? {
        let end = length
        var tzPosition = start
        repeat {
            let b = byte(tzPosition)
            if b == UInt8(ascii: "Z") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { break }
            tzPosition += 1
        } while tzPosition < end
        guard let (fields, status) = clock(start, tzPosition) else { return nil }
        if tzPosition >= end { return status == 1 ? nil : (fields, nil) }
        if byte(tzPosition) == UInt8(ascii: "Z") {
            return byte(tzPosition + 1) != 0 ? nil : (fields, 0)
        }
        let sign = byte(tzPosition) == UInt8(ascii: "-") ? -1 : 1
        guard let (tz, tzStatus) = clock(tzPosition + 1, end), tzStatus == 0 else { return nil }
        let offset = sign * (((tz[0] * 3600 + tz[1] * 60 + tz[2]) * 1_000_000) + tz[3])
        return (fields, offset)
    }

    private static func wallTime(_ fields: [Int]) throws -> WallTime {
        try WallTime.checked(hour: fields[0], minute: fields[1], second: fields[2], microsecond: fields[3])
    }

    private static func tzinfo(_ offset: Int?) throws -> TzInfo? {
        guard let offset else { return nil }
        return try TzInfo.fixed(try Timedelta(totalMicroseconds: offset))
    }

    static func invalid(_ text: String) -> RuntimeFailure {
        PyError.value("Invalid isoformat string: \(pyStringRepr(text))")
    }

    static func parseDate(_ text: String) throws -> CivilDate {
        let parser = ISOParser(text)
        guard [7, 8, 10].contains(parser.length), let date = parser.date(0, parser.length) else {
            throw invalid(text)
        }
        return try CivilDate.checked(year: date.year, month: date.month, day: date.day)
    }

    static func parseTime(_ text: String) throws -> (WallTime, TzInfo?) {
        let parser = ISOParser(text)
        let start = parser.byte(0) == UInt8(ascii: "T") ? 1 : 0
        guard let (fields, offset) = parser.time(start) else { throw invalid(text) }
        return (try wallTime(fields), try tzinfo(offset))
    }

    static func parseDateTime(_ text: String) throws -> (CivilDate, WallTime, TzInfo?) {
        let parser = ISOParser(text)
        let separator = parser.separatorLocation()
        guard separator >= 0, let date = parser.date(0, separator) else { throw invalid(text) }
        var fields = [0, 0, 0, 0]
        var offset: Int?
        if parser.length > separator {
            // Skip the separator, whatever character it is.
            let lead = parser.byte(separator)
            let width = lead & 0x80 == 0 ? 1 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF0 == 0xF0 ? 4 : 2
            guard let parsed = parser.time(separator + width) else { throw invalid(text) }
            (fields, offset) = parsed
        }
        let checked = try CivilDate.checked(year: date.year, month: date.month, day: date.day)
        return (checked, try wallTime(fields), try tzinfo(offset))
    }

    /// `_find_isoformat_datetime_separator`.
    private func separatorLocation() -> Int {
        let dash = UInt8(ascii: "-")
        let week = UInt8(ascii: "W")
        if length == 7 { return 7 }
        if byte(4) == dash {
            if length < 8 { return -1 }
            if byte(5) == week {
                return length == 8 || byte(8) != dash ? 8 : 10
            }
            return 10
        }
        if byte(4) == week {
            var index = 7
            while index < length, ISOParser.isDigit(byte(index)) { index += 1 }
            if index < 9 { return index }
            return index % 2 == 0 ? 7 : 8
        }
        return 8
    }
}
