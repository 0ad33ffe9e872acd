import Warehouse

/// A date or datetime as agate's `Date`, `DateTime` and dbt's `ISODateTime` produce it (a
/// Python `datetime.date` / `datetime.datetime`, naive or with a fixed offset), and the text Weir
/// loads for it.
///
/// The text is Python's `isoformat()` for dates and `isoformat(" ")` for datetimes: what
/// dbt-sqlite stores (Python's `sqlite3` adapters bind exactly these), and a literal PostgreSQL
/// reads back as the same `date` / `timestamp` psycopg2 sends (`'2024-01-02T03:04:05'::timestamp`).
struct SeedTimestamp: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var microsecond = 0
    /// The UTC offset in minutes (`Z` is 0); nil for a naive value.
    var offsetMinutes: Int?

    /// `date.isoformat()`: `2024-01-02`.
    var dateText: String { render(time: false) }

    /// `datetime.isoformat(" ")`: `2024-01-02 03:04:05`, then `.ffffff` when there are
    /// microseconds, then `+HH:MM` when there is an offset (`Z` renders as `+00:00`).
    var dateTimeText: String { render(time: true) }

    /// Writes the ASCII text directly: this runs once per date cell of a seed.
    private func render(time: Bool) -> String {
        String(unsafeUninitializedCapacity: 40) { buffer in
            var length = 0
            func put(_ byte: UInt8) {
                buffer[length] = byte
                length += 1
            }
            func put(_ value: Int, width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = value
                if rest >= divisor * 10 {  // wider than `width` (an offset of 100 hours or more)
                    for character in String(rest).utf8 { put(character) }
                    return
                }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(rest / divisor))
                    rest %= divisor
                    divisor /= 10
                }
            }
            put(year, width: 4)
            put(UInt8(ascii: "-"))
            put(month, width: 2)
            put(UInt8(ascii: "-"))
            put(day, width: 2)
            guard time else { return length }
            put(UInt8(ascii: " "))
            put(hour, width: 2)
            put(UInt8(ascii: ":"))
            put(minute, width: 2)
            put(UInt8(ascii: ":"))
            put(second, width: 2)
            if microsecond != 0 {
                put(UInt8(ascii: "."))
                put(microsecond, width: 6)
            }
            if let offsetMinutes {
                put(UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
                put(abs(offsetMinutes) / 60, width: 2)
                put(UInt8(ascii: ":"))
                put(abs(offsetMinutes) % 60, width: 2)
            }
            return length
        }
    }

    /// Whether Python can render the offset: `utcoffset()` must be strictly within ±24 hours,
    /// or `isoformat` (and so every adapter's binding) raises.
    var hasRenderableOffset: Bool { abs(offsetMinutes ?? 0) < 24 * 60 }
}

/// Proleptic Gregorian arithmetic, as Python's `datetime.date` does it (ordinal 1 is 0001-01-01).
extension SeedTimestamp {
    static let maxOrdinal = 3_652_059  // date.max, 9999-12-31

    /// `date(year, 1, 1).toordinal()`.
    static func ordinalOfJanuaryFirst(_ year: Int) -> Int {
        let previous = year - 1
        return previous * 365 + previous / 4 - previous / 100 + previous / 400 + 1
    }

    /// `date.fromordinal(ordinal)` as (year, month, day); nil outside 0001-01-01...9999-12-31.
    static func date(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int)? {
        guard ordinal >= 1, ordinal <= maxOrdinal else { return nil }
        var year = max(1, (ordinal - 1) / 366 + 1)
        while ordinalOfJanuaryFirst(year + 1) <= ordinal { year += 1 }
        var remaining = ordinal - ordinalOfJanuaryFirst(year)
        var month = 1
        while remaining >= CivilDate.daysInMonth(year, month) {
            remaining -= CivilDate.daysInMonth(year, month)
            month += 1
        }
        return (year, month, remaining + 1)
    }
}
