import Jinja

/// YAML 1.1 timestamps as PyYAML's `safe_load` reads plain scalars: `2024-03-01` is a
/// `datetime.date`, `2024-03-01 10:20:30.5+01:00` an aware `datetime.datetime`. dbt's
/// `fromyaml` hands templates these objects, so `{{ loaded.launched.year }}` works there.
public enum YAMLTimestamp {
    /// The parts of a timestamp, as PyYAML's regular expression captures them.
    struct Parts {
        var year = 0, month = 0, day = 0
        var time: (hour: Int, minute: Int, second: Int, fraction: Int)?
        /// Minutes east of UTC; `Z` is 0. Nil when naive.
        var offsetMinutes: Int?
    }

    /// Whether PyYAML's implicit resolver takes this plain scalar for a timestamp (then
    /// `safe_dump` quotes a string with this text).
    public static func matches(_ text: String) -> Bool { parts(text) != nil }

    /// The `datetime.date` or `datetime.datetime` PyYAML makes of `text`; nil when it is not a
    /// timestamp; an error when it names no real day or time (`2024-02-30`), as PyYAML fails.
    public static func value(_ text: String) throws -> Value? {
        guard let parts = parts(text) else { return nil }
        let date = try CivilDate.checked(year: parts.year, month: parts.month, day: parts.day)
        guard let time = parts.time else { return DateObject.value(date) }
        let wallTime = try WallTime.checked(
            hour: time.hour, minute: time.minute, second: time.second, microsecond: time.fraction)
        let tzinfo = try parts.offsetMinutes.map { try TzInfo.fixed(Timedelta(seconds: $0 * 60)) }
        return .object(DateTimeObject(date: date, time: wallTime, tzinfo: tzinfo))
    }

    /// PyYAML's resolver pattern: `YYYY-MM-DD` alone, or `YYYY-M-D` then `T`/`t` or blanks,
    /// `H:MM:SS`, an optional `.fraction` and an optional zone (`Z`, `+H`, `-HH:MM`) after blanks.
    static func parts(_ text: String) -> Parts? {
        let bytes = Array(text.utf8)
        var position = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, position < bytes.count, (48...57).contains(bytes[position]) {
                value = value * 10 + Int(bytes[position] - 48)
                position += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        func skip(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        func skipBlanks() -> Int {
            let start = position
            while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
            return position - start
        }
        var parts = Parts()
        guard let year = digits(4, 4), skip(45), let month = digits(1, 2), skip(45), let day = digits(1, 2)
        else { return nil }
        (parts.year, parts.month, parts.day) = (year, month, day)
        if position == bytes.count {
            // A date alone must be written in full: `2024-3-1` stays a string.
            return bytes.count == 10 ? parts : nil
        }
        guard skip(84) || skip(116) || skipBlanks() > 0, let hour = digits(1, 2), skip(58),
            let minute = digits(2, 2), skip(58), let second = digits(2, 2)
        else { return nil }
        var fraction = 0
        if skip(46) {
            // Microseconds: the first six digits, padded with zeros.
            var count = 0
            while position < bytes.count, (48...57).contains(bytes[position]) {
                if count < 6 { fraction = fraction * 10 + Int(bytes[position] - 48) }
                count += 1
                position += 1
            }
            for _ in min(count, 6)..<6 { fraction *= 10 }
        }
        parts.time = (hour, minute, second, fraction)
        let beforeZone = position
        _ = skipBlanks()
        if skip(90) {
            parts.offsetMinutes = 0
        } else if position < bytes.count, bytes[position] == 43 || bytes[position] == 45 {
            let sign = bytes[position] == 45 ? -1 : 1
            position += 1
            guard let hours = digits(1, 2) else { return nil }
            var minutes = 0
            if skip(58) {
                guard let written = digits(2, 2) else { return nil }
                minutes = written
            }
            parts.offsetMinutes = sign * (hours * 60 + minutes)
        } else {
            position = beforeZone
        }
        return position == bytes.count ? parts : nil
    }
}
