import Foundation

extension Date {
    /// Python's `datetime.isoformat()` of this instant in UTC, to the microsecond:
    /// `2024-06-10T15:39:22.035617` (the fraction left out when it is zero, as Python does),
    /// followed by `utcSuffix`. dbt writes naive UTC datetimes with `"Z"` (dbt-common's
    /// `DateTimeSerialization`) and timezone-aware ones with `"+00:00"`.
    ///
    /// Computed by hand (Howard Hinnant's civil-from-days) rather than with a `DateFormatter`, so
    /// no locale, calendar or time zone of the machine can change the bytes.
    func pythonISOFormat(utcSuffix: String) -> String {
        let microseconds = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 {
            days -= 1
            rest += perDay
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        let second = rest / 1_000_000
        let fraction = rest % 1_000_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))"
        if fraction != 0 { text += ".\(pad(fraction, 6))" }
        return text + utcSuffix
    }
}
