/// Proleptic Gregorian calendar arithmetic on plain year, month and day numbers: what turning
/// date text into a warehouse's date representation needs (seed casting, PostgreSQL's binary
/// dates, run timestamps), without Foundation's calendars.
public enum CivilDate {
    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the date exists and lies in years 1 to 9999 (Python's `date` range).
    public static func isValid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysInMonth(year, month)
    }

    /// Days since 1970-01-01 (negative before it), Howard Hinnant's `days_from_civil`.
    public static func daysSince1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
