import Jinja

/// A day of the proleptic Gregorian calendar, years 1 to 9999, with CPython's `datetime`
/// algorithms (`_ymd2ord`, `_ord2ymd`, `_isoweek1monday`).
struct CivilDate: Hashable, Comparable {
    let year: Int
    let month: Int
    let day: Int

    static let minOrdinal = 1
    /// `date(9999, 12, 31).toordinal()`.
    static let maxOrdinal = 3_652_059

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Validates the fields with `date()`'s `ValueError`s.
    static func checked(year: Int, month: Int, day: Int) throws -> CivilDate {
        guard (1...9999).contains(year) else { throw PyError.value("year \(year) is out of range") }
        guard (1...12).contains(month) else { throw PyError.value("month must be in 1..12") }
        guard day >= 1 && day <= daysInMonth(year, month) else {
            throw PyError.value("day is out of range for month")
        }
        return CivilDate(year: year, month: month, day: day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        if month == 2 && isLeap(year) { return 29 }
        return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static func daysBeforeYear(_ year: Int) -> Int {
        let y = year - 1
        return y * 365 + y / 4 - y / 100 + y / 400
    }

    static func daysBeforeMonth(_ year: Int, _ month: Int) -> Int {
        let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1]
        return before + (month > 2 && isLeap(year) ? 1 : 0)
    }

    /// Days since 0001-01-01, which is day 1.
    var ordinal: Int { CivilDate.daysBeforeYear(year) + CivilDate.daysBeforeMonth(year, month) + day }

    /// The date of an ordinal; the caller keeps it in `minOrdinal...maxOrdinal`.
    init(ordinal: Int) {
        var n = ordinal - 1
        let n400 = n / 146_097
        n %= 146_097
        var year = n400 * 400 + 1
        let n100 = n / 36_524
        n %= 36_524
        let n4 = n / 1461
        n %= 1461
        let n1 = n / 365
        n %= 365
        year += n100 * 100 + n4 * 4 + n1
        if n1 == 4 || n100 == 4 {
            self.init(year: year - 1, month: 12, day: 31)
            return
        }
        let leap = n1 == 3 && (n4 != 24 || n100 == 3)
        var month = (n + 50) >> 5
        var preceding =
            [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month]
            + (month > 2 && leap ? 1 : 0)
        if preceding > n {
            month -= 1
            preceding -=
                [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] + (month == 2 && leap ? 1 : 0)
        }
        self.init(year: year, month: month, day: n - preceding + 1)
    }

    /// The date `days` after this one, or `OverflowError: date value out of range`.
    func adding(days: Int) throws -> CivilDate {
        let (target, overflow) = ordinal.addingReportingOverflow(days)
        guard !overflow, (CivilDate.minOrdinal...CivilDate.maxOrdinal).contains(target) else {
            throw PyError.overflow("date value out of range")
        }
        return CivilDate(ordinal: target)
    }

    /// Monday is 0.
    var weekday: Int { (ordinal + 6) % 7 }

    /// Day of the year, 1 to 366.
    var dayOfYear: Int { CivilDate.daysBeforeMonth(year, month) + day }

    /// ISO 8601 year, week and weekday (Monday is 1).
    var isoCalendar: (year: Int, week: Int, weekday: Int) {
        var year = self.year
        let today = ordinal
        var week1Monday = CivilDate.isoWeek1Monday(year)
        var week = floorDiv(today - week1Monday, 7)
        var day = floorMod(today - week1Monday, 7)
        if week < 0 {
            year -= 1
            week1Monday = CivilDate.isoWeek1Monday(year)
            week = floorDiv(today - week1Monday, 7)
            day = floorMod(today - week1Monday, 7)
        } else if week >= 52 && today >= CivilDate.isoWeek1Monday(year + 1) {
            year += 1
            week = 0
        }
        return (year, week + 1, day + 1)
    }

    static func isoWeek1Monday(_ year: Int) -> Int {
        let firstDay = CivilDate(year: year, month: 1, day: 1).ordinal
        let firstWeekday = (firstDay + 6) % 7
        return firstDay - firstWeekday + (firstWeekday > 3 ? 7 : 0)
    }

    /// `date.fromisocalendar(year, week, day)`, with its `ValueError`s.
    static func fromISOCalendar(year: Int, week: Int, day: Int) throws -> CivilDate {
        guard (1...9999).contains(year) else { throw PyError.value("Year is out of range: \(year)") }
        guard week > 0 && week < 53 || (week == 53 && hasISOWeek53(year)) else {
            throw PyError.value("Invalid week: \(week)")
        }
        guard (1...7).contains(day) else { throw PyError.value("Invalid weekday: \(day) (range is [1, 7])") }
        let ordinal = isoWeek1Monday(year) + (week - 1) * 7 + (day - 1)
        guard (minOrdinal...maxOrdinal).contains(ordinal) else {
            throw PyError.value("Year is out of range: \(year)")
        }
        return CivilDate(ordinal: ordinal)
    }

    /// Whether the ISO year has 53 weeks: it starts on a Thursday, or a Wednesday in a leap year.
    private static func hasISOWeek53(_ year: Int) -> Bool {
        let firstWeekday = (CivilDate(year: year, month: 1, day: 1).ordinal + 6) % 7
        return firstWeekday == 3 || (firstWeekday == 2 && isLeap(year))
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2024-01-31`.
    var isoFormat: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
}

/// Python's `//` and `%` for Swift integers (rounding toward negative infinity).
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func floorMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
}

/// Zero-padded decimal, `%0*d`; negative numbers keep their sign in front.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    return value < 0 ? "-" + padded : padded
}
