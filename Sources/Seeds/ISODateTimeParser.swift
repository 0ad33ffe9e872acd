import Warehouse

/// dbt's `ISODateTime` type (`dbt_common.clients.agate_helper`): agate's `DateTime` without the
/// natural-language parsing, so only `isodate.parse_datetime` (isodate 0.7.2) decides.
///
/// `parse_datetime` splits on the one `T` (uppercase, exactly one), then reads the date with
/// `parse_date` (four-digit years: `YYYY-MM-DD`, `YYYYMMDD`, week dates `YYYY-Www-D` /
/// `YYYYWwwD` / `YYYY-Www` / `YYYYWww`, ordinal dates `YYYY-DDD` / `YYYYDDD`, `YYYY-MM`,
/// `YYYYMM`, `YYYY`, and a two-digit century `YY`) and the time with `parse_time` (`hh:mm:ss`,
/// `hhmmss`, `hh:mm`, `hhmm`, `hh`, the last part with an optional `.`/`,` fraction, then `Z`,
/// `±hh:mm`, `±hhmm` or `±hh`). Digits are ASCII (`[0-9]`). isodate's quirks are kept: month
/// `00` reads as January, week and ordinal numbers are not range-checked (they carry into
/// neighbouring years), a fractional hour or minute spills into minutes and seconds.
enum ISODateTimeParser {
    /// `isodate.parse_datetime(text)` for a stripped, non-null cell; nil when it raises.
    static func parse(_ text: Scalars) -> SeedTimestamp? {
        var separator: Int?
        for index in 0..<text.count where text[index] == 0x54 {  // "T"
            guard separator == nil else { return nil }
            separator = index
        }
        guard let separator,
            let date = parseDate(Scalars(rebasing: text[..<separator])),
            var result = parseTime(Scalars(rebasing: text[(separator + 1)...]))
        else { return nil }
        result.year = date.year
        result.month = date.month
        result.day = date.day
        return result
    }

    /// The shape of one of isodate's date patterns, two bits a character: digit 1, `-` 2, `W` 3.
    private static func shape(_ pattern: StaticString) -> UInt32 {
        pattern.withUTF8Buffer { bytes in
            bytes.reduce(0) { shape, byte in
                shape << 2 | (byte == UInt8(ascii: "D") ? 1 : byte == UInt8(ascii: "-") ? 2 : 3)
            }
        }
    }

    private static let shapeDDDD_DD_DD = shape("DDDD-DD-DD")
    private static let shapeDDDDDDDD = shape("DDDDDDDD")
    private static let shapeDDDD_WDD_D = shape("DDDD-WDD-D")
    private static let shapeDDDDWDDD = shape("DDDDWDDD")
    private static let shapeDDDD_WDD = shape("DDDD-WDD")
    private static let shapeDDDDWDD = shape("DDDDWDD")
    private static let shapeDDDD_DDD = shape("DDDD-DDD")
    private static let shapeDDDDDDD = shape("DDDDDDD")
    private static let shapeDDDD_DD = shape("DDDD-DD")
    private static let shapeDDDDDD = shape("DDDDDD")
    private static let shapeDDDD = shape("DDDD")
    private static let shapeDD = shape("DD")

    /// `isodate.parse_date` with its defaults (`yeardigits=4`, not expanded). Each pattern has a
    /// fixed shape of digits, `-` and `W`, so the shape alone says which one matches.
    private static func parseDate(_ text: Scalars) -> (year: Int, month: Int, day: Int)? {
        guard text.count <= 10 else { return nil }
        var shape: UInt32 = 0
        for scalar in text {
            let code: UInt32
            if Scalars.asciiDigit(scalar) != nil {
                code = 1
            } else if scalar == 0x2D {
                code = 2
            } else if scalar == 0x57 {
                code = 3
            } else {
                return nil
            }
            shape = shape << 2 | code
        }
        /// The number in `width` digits from `offset`.
        func number(_ offset: Int, _ width: Int) -> Int {
            var value = 0
            for index in offset..<(offset + width) {
                value = value * 10 + (Scalars.asciiDigit(text[index]) ?? 0)
            }
            return value
        }
        switch shape {
        case Self.shapeDDDD_DD_DD:
            return calendarDate(year: number(0, 4), month: number(5, 2), day: number(8, 2))
        case Self.shapeDDDDDDDD:
            return calendarDate(year: number(0, 4), month: number(4, 2), day: number(6, 2))
        case Self.shapeDDDD_WDD_D: return weekDate(year: number(0, 4), week: number(6, 2), day: number(9, 1))
        case Self.shapeDDDDWDDD: return weekDate(year: number(0, 4), week: number(5, 2), day: number(7, 1))
        case Self.shapeDDDD_WDD: return weekDate(year: number(0, 4), week: number(6, 2), day: 1)
        case Self.shapeDDDDWDD: return weekDate(year: number(0, 4), week: number(5, 2), day: 1)
        case Self.shapeDDDD_DDD: return ordinalDate(year: number(0, 4), day: number(5, 3))
        case Self.shapeDDDDDDD: return ordinalDate(year: number(0, 4), day: number(4, 3))
        case Self.shapeDDDD_DD: return calendarDate(year: number(0, 4), month: number(5, 2), day: 1)
        case Self.shapeDDDDDD: return calendarDate(year: number(0, 4), month: number(4, 2), day: 1)
        case Self.shapeDDDD: return calendarDate(year: number(0, 4), month: 1, day: 1)
        // A century: its first year (`20` is 2001-01-01).
        case Self.shapeDD: return calendarDate(year: number(0, 2) * 100 + 1, month: 1, day: 1)
        default: return nil
        }
    }

    /// isodate's ordinal date: January 1st plus `day - 1` days, without a range check on `day`.
    private static func ordinalDate(year: Int, day: Int) -> (year: Int, month: Int, day: Int)? {
        guard year >= 1 else { return nil }
        return SeedTimestamp.date(fromOrdinal: SeedTimestamp.ordinalOfJanuaryFirst(year) + day - 1)
    }

    /// `date(year, int(month) or 1, day)`.
    private static func calendarDate(year: Int, month: Int, day: Int) -> (year: Int, month: Int, day: Int)? {
        let month = month == 0 ? 1 : month
        guard CivilDate.isValid(year, month, day) else { return nil }
        return (year, month, day)
    }

    /// isodate's week date: from January 1st, `timedelta(weeks=week - (1 if Jan 1 is in ISO week
    /// 1 else 0), days=day - isoweekday(Jan 1))`, without range checks on week or day.
    private static func weekDate(year: Int, week: Int, day: Int) -> (year: Int, month: Int, day: Int)? {
        guard year >= 1 else { return nil }
        let januaryFirst = SeedTimestamp.ordinalOfJanuaryFirst(year)
        let weekday = januaryFirst % 7 == 0 ? 7 : januaryFirst % 7  // date.isoweekday()
        let inWeekOne = weekday <= 4
        return SeedTimestamp.date(
            fromOrdinal: januaryFirst + 7 * (week - (inWeekOne ? 1 : 0)) + day - weekday)
    }

    private enum Precision { case hour, minute, second }

    /// `isodate.parse_time`: the time of day and zone; the date fields are left at 1.
    private static func parseTime(_ text: Scalars) -> SeedTimestamp? {
        var index = 0
        let end = text.count
        func twoDigits() -> Int? {
            guard index + 1 < end, let tens = Scalars.asciiDigit(text[index]),
                let ones = Scalars.asciiDigit(text[index + 1])
            else { return nil }
            index += 2
            return tens * 10 + ones
        }
        func at(_ scalar: UInt32) -> Bool { index < end && text[index] == scalar }
        guard let hour = twoDigits() else { return nil }
        var minute = 0
        var second = 0
        var precision = Precision.hour
        if at(0x3A) {  // hh:mm[:ss]
            index += 1
            guard let value = twoDigits() else { return nil }
            minute = value
            precision = .minute
            if at(0x3A) {
                index += 1
                guard let value = twoDigits() else { return nil }
                second = value
                precision = .second
            }
        } else if let value = twoDigits() {  // hhmm[ss]
            minute = value
            precision = .minute
            if let value = twoDigits() {
                second = value
                precision = .second
            }
        }
        // An optional decimal fraction of the last field (`,` reads as `.`).
        var fraction: UInt64 = 0
        var fractionDigits = 0
        if at(0x2E) || at(0x2C) {
            index += 1
            var sawDigit = false
            while index < end, let digit = Scalars.asciiDigit(text[index]) {
                sawDigit = true
                // Eighteen digits are far below a microsecond; later ones cannot change it.
                if fractionDigits < 18 {
                    fraction = fraction * 10 + UInt64(digit)
                    fractionDigits += 1
                }
                index += 1
            }
            guard sawDigit else { return nil }
        }
        var offset: Int?
        if at(0x5A) {  // "Z"
            index += 1
            offset = 0
        } else if at(0x2B) || at(0x2D) {
            let negative = at(0x2D)
            index += 1
            guard let hours = twoDigits() else { return nil }
            var minutes = 0
            let beforeMinutes = index
            if at(0x3A) { index += 1 }
            if let value = twoDigits() {
                minutes = value
            } else {
                index = beforeMinutes
            }
            offset = (negative ? -1 : 1) * (hours * 60 + minutes)
        }
        guard index == end else { return nil }

        var result = SeedTimestamp(year: 1, month: 1, day: 1, offsetMinutes: offset)
        result.hour = hour
        result.minute = minute
        result.second = second
        let scale = power10(fractionDigits)
        switch precision {
        case .second:
            // `Decimal(ss.fff).quantize(Decimal(".000001"), rounding=ROUND_FLOOR)`.
            result.microsecond = Int(scaled(fraction, by: 1_000_000, over: scale).quotient)
        case .minute:
            // Seconds are the minute fraction times 60, floored to microseconds.
            let micros = Int(scaled(fraction, by: 60_000_000, over: scale).quotient)
            result.second = micros / 1_000_000
            result.microsecond = micros % 1_000_000
        case .hour:
            // Minutes and seconds by truncation, microseconds by `to_integral()` (half-even),
            // which can reach 1,000,000 and make `time()` fail, as in isodate.
            let (quotient, remainder) = scaled(fraction, by: 3_600_000_000, over: scale)
            var micros = quotient
            let twice = remainder.multipliedFullWidth(by: 2)
            let aboveHalf = twice.high > 0 || twice.low > scale
            if aboveHalf || (twice.high == 0 && twice.low == scale && quotient % 2 == 1) { micros += 1 }
            let seconds = Int(quotient / 1_000_000)
            result.minute = seconds / 60
            result.second = seconds % 60
            result.microsecond = Int(micros) - seconds * 1_000_000
        }
        guard result.hour <= 23, result.minute <= 59, result.second <= 59, result.microsecond <= 999_999
        else {
            return nil
        }
        return result
    }

    private static func power10(_ exponent: Int) -> UInt64 {
        var value: UInt64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// `floor(fraction * factor / scale)` and the remainder, exactly (the product needs 128 bits).
    private static func scaled(_ fraction: UInt64, by factor: UInt64, over scale: UInt64) -> (
        quotient: UInt64, remainder: UInt64
    ) {
        let product = fraction.multipliedFullWidth(by: factor)
        return scale.dividingFullWidth((product.high, product.low))
    }
}
