import Foundation
import Jinja

/// `datetime.strptime`, a port of CPython's `_strptime` in the C locale with UTC as local time:
/// the format becomes the same regular expression Python builds, matched case-insensitively.
enum Strptime {
    struct Result {
        var date: CivilDate
        var time: WallTime
        var tzinfo: TzInfo?
    }

    private static let weekdays = Strftime.weekdayNames.map { $0.lowercased() }
    private static let months = Strftime.monthNames.map { $0.lowercased() }

    private static let directives: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [
            "d": #"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])"#,
            "f": #"(?P<f>[0-9]{1,6})"#,
            "H": #"(?P<H>2[0-3]|[0-1]\d|\d)"#,
            "I": #"(?P<I>1[0-2]|0[1-9]|[1-9])"#,
            "G": #"(?P<G>\d\d\d\d)"#,
            "j": #"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])"#,
            "m": #"(?P<m>1[0-2]|0[1-9]|[1-9])"#,
            "M": #"(?P<M>[0-5]\d|\d)"#,
            "S": #"(?P<S>6[0-1]|[0-5]\d|\d)"#,
            "U": #"(?P<U>5[0-3]|[0-4]\d|\d)"#,
            "W": #"(?P<W>5[0-3]|[0-4]\d|\d)"#,
            "w": #"(?P<w>[0-6])"#,
            "u": #"(?P<u>[1-7])"#,
            "V": #"(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)"#,
            "y": #"(?P<y>\d\d)"#,
            "Y": #"(?P<Y>\d\d\d\d)"#,
            "z": #"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))"#,
            "A": alternation(weekdays, "A"),
            "a": alternation(weekdays.map { String($0.prefix(3)) }, "a"),
            "B": alternation(months, "B"),
            "b": alternation(months.map { String($0.prefix(3)) }, "b"),
            "p": alternation(["am", "pm"], "p"),
            "Z": alternation(["utc", "gmt"], "Z"),
            "%": "%",
        ]
        table["c"] = (try? pattern("%a %b %d %H:%M:%S %Y", table)) ?? ""
        table["x"] = (try? pattern("%m/%d/%y", table)) ?? ""
        table["X"] = (try? pattern("%H:%M:%S", table)) ?? ""
        return table
    }()

    /// `__seqToRE`: longest names first, so a prefix never wins.
    private static func alternation(_ names: [String], _ directive: String) -> String {
        let sorted = names.enumerated().sorted {
            ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset)
        }
        return "(?P<\(directive)>" + sorted.map { ReModule.escape($0.element) }.joined(separator: "|") + ")"
    }

    /// `TimeRE.pattern`: regex characters escaped, whitespace runs as `\s+`, directives expanded.
    private static func pattern(_ format: String, _ table: [Unicode.Scalar: String]) throws -> String {
        var escaped = ""
        var inWhitespace = false
        for c in format.unicodeScalars {
            if c.properties.isWhitespace
                || "\t\n\u{0B}\u{0C}\r\u{1C}\u{1D}\u{1E}\u{1F}\u{85}".unicodeScalars.contains(c)
            {
                if !inWhitespace { escaped += #"\s+"# }
                inWhitespace = true
                continue
            }
            inWhitespace = false
            if #"\.^$*+?(){}[]|"#.unicodeScalars.contains(c) { escaped += "\\" }
            escaped.unicodeScalars.append(c)
        }
        let chars = Array(escaped.unicodeScalars)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "%" {
                guard i + 1 < chars.count else { throw StrptimeFailure.stray }
                let directive = chars[i + 1]
                guard let expansion = table[directive] else {
                    throw StrptimeFailure.badDirective(directive == "\\" ? "%" : String(directive))
                }
                out += expansion
                i += 2
            } else {
                out.unicodeScalars.append(chars[i])
                i += 1
            }
        }
        return out
    }

    private enum StrptimeFailure: Error {
        case stray
        case badDirective(String)
    }

    static func parse(_ string: String, _ format: String, cache: RegexCache) throws -> Result {
        let regexText: String
        do {
            regexText = try pattern(format, directives)
        } catch StrptimeFailure.stray {
            throw PyError.value("stray % in format \(quote(format))")
        } catch StrptimeFailure.badDirective(let directive) {
            throw PyError.value("\(quote(directive)) is a bad directive in format \(quote(format))")
        }
        let compiled = try cache.pattern(regexText, flags: PythonRegex.Flag.ignoreCase)
        guard let found = compiled.find(string, anchor: .match) else {
            throw PyError.value(
                "time data \(pyStringRepr(string)) does not match format \(pyStringRepr(format))")
        }
        let end = found.span(0).1
        if end != string.unicodeScalars.count {
            let rest = String(String.UnicodeScalarView(string.unicodeScalars.dropFirst(end)))
            throw PyError.value("unconverted data remains: \(rest)")
        }
        var groups: [String: String] = [:]
        for (name, index) in compiled.regex.groupNames {
            if let text = found.text(index) { groups[name] = text }
        }
        return try build(groups)
    }

    /// `'%s'` formatting of Python's messages (not `%r`).
    private static func quote(_ text: String) -> String { "'\(text)'" }

    private static func number(_ text: String?) -> Int? {
        guard let text else { return nil }
        // int() accepts any Unicode decimal digits, as `\d` matched them.
        var value = 0
        for scalar in text.unicodeScalars where scalar != " " {
            guard let digit = scalar.properties.numericType == .decimal ? scalar.properties.numericValue : nil
            else {
                return nil
            }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private static func build(_ found: [String: String]) throws -> Result {
        var year: Int?
        var isoYear: Int?
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0
        var gmtoff: Int?
        var gmtoffFraction = 0
        var isoWeek: Int?
        var weekOfYear: Int?
        var weekStartsMonday = false
        var weekday: Int?
        var julian: Int?
        // Python walks the groups in pattern order; the outcome does not depend on it except
        // that the last of repeated directives wins, which names make impossible.
        if let y = number(found["y"]) { year = y <= 68 ? y + 2000 : y + 1900 }
        if let y = number(found["Y"]) { year = y }
        if let g = number(found["G"]) { isoYear = g }
        if let m = number(found["m"]) { month = m }
        if let b = found["B"], let index = months.firstIndex(of: b.lowercased()) { month = index + 1 }
        if let b = found["b"], let index = months.firstIndex(where: { $0.prefix(3) == b.lowercased() }) {
            month = index + 1
        }
        if let d = number(found["d"]) { day = d }
        if let h = number(found["H"]) { hour = h }
        if let i = number(found["I"]) {
            hour = i
            let ampm = found["p"]?.lowercased() ?? ""
            if ampm == "" || ampm == "am" {
                if hour == 12 { hour = 0 }
            } else if ampm == "pm" && hour != 12 {
                hour += 12
            }
        }
        if let m = number(found["M"]) { minute = m }
        if let s = number(found["S"]) { second = s }
        if let f = found["f"] {
            fraction = number(f + String(repeating: "0", count: 6 - f.unicodeScalars.count)) ?? 0
        }
        if let a = found["A"], let index = weekdays.firstIndex(of: a.lowercased()) { weekday = index }
        if let a = found["a"], let index = weekdays.firstIndex(where: { $0.prefix(3) == a.lowercased() }) {
            weekday = index
        }
        if let w = number(found["w"]) { weekday = w == 0 ? 6 : w - 1 }
        if let u = number(found["u"]) { weekday = u - 1 }
        if let j = number(found["j"]) { julian = j }
        if let u = number(found["U"]) {
            weekOfYear = u
            weekStartsMonday = false
        }
        if let w = number(found["W"]) {
            weekOfYear = w
            weekStartsMonday = true
        }
        if let v = number(found["V"]) { isoWeek = v }
        if let z = found["z"] {
            if z == "Z" {
                gmtoff = 0
            } else {
                var chars = Array(z.unicodeScalars)
                if chars[3] == ":" {
                    chars.remove(at: 3)
                    if chars.count > 5 {
                        guard chars[5] == ":" else { throw PyError.value("Inconsistent use of : in \(z)") }
                        chars.remove(at: 5)
                    }
                }
                func digits(_ range: Range<Int>) -> Int {
                    range.upperBound <= chars.count
                        ? number(String(String.UnicodeScalarView(chars[range]))) ?? 0 : 0
                }
                var offset = digits(1..<3) * 3600 + digits(3..<5) * 60 + digits(5..<7)
                let remainder = chars.count > 8 ? String(String.UnicodeScalarView(chars[8...])) : ""
                var micro =
                    number(remainder + String(repeating: "0", count: 6 - remainder.unicodeScalars.count)) ?? 0
                if chars[0] == "-" {
                    offset = -offset
                    micro = -micro
                }
                gmtoff = offset
                gmtoffFraction = micro
            }
        }
        if year == nil, isoYear != nil {
            if isoWeek == nil || weekday == nil {
                throw PyError.value(
                    "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u')."
                )
            }
            if julian != nil {
                throw PyError.value(
                    "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead."
                )
            }
        } else if weekOfYear == nil, isoWeek != nil {
            if weekday == nil {
                throw PyError.value(
                    "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u')."
                )
            }
            throw PyError.value(
                "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."
            )
        }
        var leapYearFix = false
        var resolvedYear: Int
        if let year {
            resolvedYear = year
        } else if month == 2 && day == 29 {
            resolvedYear = 1904
            leapYearFix = true
        } else {
            resolvedYear = 1900
        }
        if julian == nil, let weekday {
            if let weekOfYear {
                julian = julianFromWeek(resolvedYear, weekOfYear, weekday, mondayFirst: weekStartsMonday)
            } else if let isoYear, let isoWeek {
                // `_calc_julian_from_V`.
                let correction = CivilDate(year: isoYear, month: 1, day: 4).weekday + 1 + 3
                var ordinal = isoWeek * 7 + weekday + 1 - correction
                resolvedYear = isoYear
                if ordinal < 1 {
                    ordinal += CivilDate(year: isoYear, month: 1, day: 1).ordinal
                    resolvedYear -= 1
                    ordinal -= CivilDate(year: max(resolvedYear, 1), month: 1, day: 1).ordinal
                }
                julian = ordinal
            }
            if let j = julian, j <= 0 {
                resolvedYear -= 1
                julian = j + (CivilDate.isLeap(resolvedYear) ? 366 : 365)
            }
        }
        var date: CivilDate
        if let julian {
            let ordinal = julian - 1 + (try CivilDate.checked(year: resolvedYear, month: 1, day: 1)).ordinal
            guard (CivilDate.minOrdinal...CivilDate.maxOrdinal).contains(ordinal) else {
                throw PyError.value("ordinal must be >= 1")
            }
            date = CivilDate(ordinal: ordinal)
        } else {
            date = try CivilDate.checked(year: resolvedYear, month: month, day: day)
        }
        if leapYearFix { date = CivilDate(year: 1900, month: date.month, day: date.day) }
        let checkedDate = try CivilDate.checked(year: date.year, month: date.month, day: date.day)
        let time = try WallTime.checked(hour: hour, minute: minute, second: second, microsecond: fraction)
        var tzinfo: TzInfo?
        if let gmtoff {
            let delta = try Timedelta(seconds: gmtoff, microseconds: gmtoffFraction)
            let name = found["Z"]
            tzinfo = try TzInfo.fixed(delta, name: name?.isEmpty == false ? name : nil)
        }
        return Result(date: checkedDate, time: time, tzinfo: tzinfo)
    }

    /// `_calc_julian_from_U_or_W`.
    private static func julianFromWeek(_ year: Int, _ week: Int, _ weekday: Int, mondayFirst: Bool) -> Int {
        var firstWeekday = CivilDate(year: year, month: 1, day: 1).weekday
        var dayOfWeek = weekday
        if !mondayFirst {
            firstWeekday = (firstWeekday + 1) % 7
            dayOfWeek = (dayOfWeek + 1) % 7
        }
        let weekZeroLength = (7 - firstWeekday) % 7
        if week == 0 { return 1 + dayOfWeek - firstWeekday }
        return 1 + weekZeroLength + 7 * (week - 1) + dayOfWeek
    }
}
