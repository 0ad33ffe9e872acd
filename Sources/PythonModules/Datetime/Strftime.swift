import Jinja

/// `strftime` as CPython on glibc renders it in the C locale: Python substitutes `%z`, `%Z` and
/// `%f`, then glibc's `strftime` does the rest, with its flags (`%-d`, `%_H`, `%^a`, `%#p`) and
/// field widths (`%10A`, `%4Y`), and unknown directives copied as written.
enum Strftime {
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// - Parameter hasDST: whether the tzinfo answers `dst()`; glibc then sees a time zone for the
    ///   flagged `%Z` forms Python does not substitute (`%^Z`), which is local time's, UTC.
    static func format(
        _ format: String, date: CivilDate, time: WallTime, offset: Timedelta?, zoneName: String?,
        hasDST: Bool = false
    ) throws -> String {
        let chars = Array(format.unicodeScalars)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            // Python's own directives, only in their plain form.
            if i + 1 < chars.count {
                switch chars[i + 1] {
                case "z":
                    out += offset.map { TzInfo.formatOffset($0, separator: "") } ?? ""
                    i += 2
                    continue
                case "Z":
                    out += zoneName ?? ""
                    i += 2
                    continue
                case "f":
                    out += pad(time.microsecond, 6)
                    i += 2
                    continue
                default:
                    break
                }
            }
            let start = i
            i += 1
            var flag: Unicode.Scalar?
            var upper = false
            var swapCase = false
            while i < chars.count, "_-0^#".unicodeScalars.contains(chars[i]) {
                switch chars[i] {
                case "^": upper = true
                case "#": swapCase = true
                default: flag = chars[i]
                }
                i += 1
            }
            var width: Int?
            while i < chars.count, ("0"..."9").contains(chars[i]) {
                width = (width ?? 0) * 10 + Int(chars[i].value - 48)
                i += 1
            }
            while i < chars.count, chars[i] == "E" || chars[i] == "O" { i += 1 }
            guard i < chars.count else {
                let field = Field(flag: flag, width: width, upper: upper, swapCase: swapCase)
                out += field.widen(String(String.UnicodeScalarView(chars[start..<i])), zero: flag == "0")
                break
            }
            let conversion = chars[i]
            i += 1
            let field = Field(flag: flag, width: width, upper: upper, swapCase: swapCase)
            if let text = try directive(
                conversion, field, date: date, time: time, offset: offset, zoneName: zoneName, hasDST: hasDST)
            {
                out += text
            } else {
                // glibc copies an unknown directive as written, padded to the width.
                out += field.widen(String(String.UnicodeScalarView(chars[start..<i])), zero: flag == "0")
            }
        }
        return out
    }

    /// The flags and width written between `%` and the conversion.
    struct Field {
        let flag: Unicode.Scalar?
        let width: Int?
        let upper: Bool
        let swapCase: Bool

        /// glibc's `DO_NUMBER`: at least `digits` digits, padded with zeros (spaces for `%e %k %l`
        /// or `_`, nothing for `-`), then widened to the field width.
        func number(_ value: Int, digits: Int, spacePadded: Bool = false) -> String {
            let pad = flag ?? (spacePadded ? "_" : "0")
            var text = String(value.magnitude)
            if pad != "-" && text.count < digits {
                text = String(repeating: pad == "_" ? " " : "0", count: digits - text.count) + text
            }
            if value < 0 { text = "-" + text }
            return widen(text, zero: pad == "0")
        }

        /// A name, cased by `^` (upper) or `#` (`swapToUpper` tells which way `#` turns it).
        func text(_ value: String, swapToUpper: Bool = true) -> String {
            var text = value
            if upper {
                text = text.uppercased()
            } else if swapCase {
                text = swapToUpper ? text.uppercased() : text.lowercased()
            }
            return widen(text, zero: flag == "0")
        }

        /// Pads to the field width: with zeros for the `0` flag (and numbers by default), else
        /// spaces; `-` drops a number's own padding but not the width's.
        func widen(_ text: String, zero: Bool) -> String {
            guard let width, width > text.count else { return text }
            return String(repeating: zero && flag != "-" ? "0" : " ", count: width - text.count) + text
        }
    }

    private static func directive(
        _ c: Unicode.Scalar, _ field: Field, date: CivilDate, time: WallTime, offset: Timedelta?,
        zoneName: String?,
        hasDST: Bool
    ) throws -> String? {
        let hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12
        let sundayWeekday = (date.weekday + 1) % 7
        let yday = date.dayOfYear - 1
        func sub(_ format: String) throws -> String {
            field.text(
                try Strftime.format(
                    format, date: date, time: time, offset: offset, zoneName: zoneName, hasDST: hasDST))
        }
        switch c {
        case "a": return field.text(String(weekdayNames[date.weekday].prefix(3)))
        case "A": return field.text(weekdayNames[date.weekday])
        case "b", "h": return field.text(String(monthNames[date.month - 1].prefix(3)))
        case "B": return field.text(monthNames[date.month - 1])
        case "c": return try sub("%a %b %e %H:%M:%S %Y")
        case "C": return field.number(date.year / 100, digits: 1)
        case "d": return field.number(date.day, digits: 2)
        case "D", "x": return try sub("%m/%d/%y")
        case "e": return field.number(date.day, digits: 2, spacePadded: true)
        case "F": return try sub("%Y-%m-%d")
        case "g": return field.number(date.isoCalendar.year % 100, digits: 2)
        case "G": return field.number(date.isoCalendar.year, digits: 1)
        case "H": return field.number(time.hour, digits: 2)
        case "I": return field.number(hour12, digits: 2)
        case "j": return field.number(date.dayOfYear, digits: 3)
        case "k": return field.number(time.hour, digits: 2, spacePadded: true)
        case "l": return field.number(hour12, digits: 2, spacePadded: true)
        case "m": return field.number(date.month, digits: 2)
        case "M": return field.number(time.minute, digits: 2)
        case "n": return field.text("\n")
        case "p": return field.text(time.hour < 12 ? "AM" : "PM", swapToUpper: false)
        case "P":
            // glibc lower-cases %P whatever the flags say.
            return Field(flag: field.flag, width: field.width, upper: false, swapCase: false)
                .text(time.hour < 12 ? "am" : "pm")
        case "r": return try sub("%I:%M:%S %p")
        case "R": return try sub("%H:%M")
        case "s":
            // mktime() of the fields as local time, which is UTC here.
            let local = (date.ordinal - 1) * Timedelta.microsecondsPerDay + time.microsecondsOfDay
            return field.number(floorDiv(local - DateTimeObject.unixEpoch, 1_000_000), digits: 1)
        case "S": return field.number(time.second, digits: 2)
        case "t": return field.text("\t")
        case "T", "X": return try sub("%H:%M:%S")
        case "u": return field.number(date.weekday + 1, digits: 1)
        case "U": return field.number((yday + 7 - sundayWeekday) / 7, digits: 2)
        case "V": return field.number(date.isoCalendar.week, digits: 2)
        case "w": return field.number(sundayWeekday, digits: 1)
        case "W": return field.number((yday + 7 - date.weekday) / 7, digits: 2)
        case "y": return field.number(date.year % 100, digits: 2)
        case "Y": return field.number(date.year, digits: 1)
        // Only flagged forms reach here (Python substitutes plain `%z` and `%Z`). glibc prints
        // nothing for a struct without DST information; with it, local time's zone, UTC.
        case "z": return hasDST ? field.text("+0000") : ""
        case "Z": return field.text(hasDST ? "UTC" : "", swapToUpper: false)
        case "%": return field.text("%")
        default: return nil
        }
    }

    /// `ctime()`: `Mon Jan  1 00:00:00 2024`, the year padded to four digits.
    static func ctime(_ date: CivilDate, _ time: WallTime) -> String {
        let day = date.day < 10 ? " \(date.day)" : "\(date.day)"
        return
            "\(weekdayNames[date.weekday].prefix(3)) \(monthNames[date.month - 1].prefix(3)) \(day) \(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)) \(pad(date.year, 4))"
    }
}
