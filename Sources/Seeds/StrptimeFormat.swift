import Warehouse

/// The two `strptime` formats dbt gives agate: `Date(date_format="%Y-%m-%d")` and
/// `DateTime(datetime_format="%Y-%m-%d %H:%M:%S")`.
///
/// CPython 3.11's `_strptime` turns a format into a regex (`%Y` is `\d\d\d\d`, `%m` is
/// `1[0-2]|0[1-9]|[1-9]`, `%d` is `3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9]`, `%H` is
/// `2[0-3]|[0-1]\d|\d`, `%M` is `[0-5]\d|\d`, `%S` is `6[0-1]|[0-5]\d|\d`, a space is `\s+`),
/// takes the first match in the regex engine's backtracking order, and fails when that match
/// stops short of the end ("unconverted data remains"). So `2024-1-2`, `2024-01- 2` and
/// `2024-01-02\t3:4:5` are accepted, and `2024-01-02 03:04` or `...:60` are not. This matcher
/// tries the same alternatives in the same order. `\d` and `\s` are Unicode-aware, as in Python.
enum StrptimeFormat: Sendable {
    /// `%Y-%m-%d`
    case date
    /// `%Y-%m-%d %H:%M:%S`
    case dateTime

    /// The format's elements by position: 0 `%Y`, 1 `-`, 2 `%m`, 3 `-`, 4 `%d`, then for
    /// datetimes 5 `\s+`, 6 `%H`, 7 `:`, 8 `%M`, 9 `:`, 10 `%S`.
    private var elementCount: Int { self == .date ? 5 : 11 }

    /// How many regex alternatives each directive has.
    private static func alternativeCount(_ element: Int) -> Int {
        switch element {
        case 0: return 1
        case 4: return 5
        case 8: return 2
        default: return 3
        }
    }

    /// `datetime.strptime(text, format)` for an already stripped, non-null cell; nil when it
    /// raises.
    func parse(_ text: Scalars) -> SeedTimestamp? {
        if let canonical = parseCanonical(text) { return canonical }
        var fields = (0, 0, 0, 0, 0, 0)
        guard let end = match(0, 0, text, &fields), end == text.count else { return nil }
        var result = SeedTimestamp(year: fields.0, month: fields.1, day: fields.2)
        guard CivilDate.isValid(result.year, result.month, result.day) else { return nil }
        if self == .dateTime {
            result.hour = fields.3
            result.minute = fields.4
            result.second = fields.5
            // `%S` admits 60 and 61, which `datetime()` then rejects.
            guard result.second <= 59 else { return nil }
        }
        return result
    }

    /// The common case, `2024-01-31` or `2024-01-31 23:59:59` exactly, read directly. Every field
    /// is two digits in range, so each directive's first matching alternative is the two-digit
    /// one and the search above would find the same values; anything else (including an
    /// impossible date) is left to that search.
    func parseCanonical(_ text: Scalars) -> SeedTimestamp? {
        guard text.count == (self == .date ? 10 : 19) else { return nil }
        @inline(__always) func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<start + length {
                let scalar = text[index]
                guard scalar >= 0x30, scalar <= 0x39 else { return nil }
                value = value * 10 + Int(scalar - 0x30)
            }
            return value
        }
        guard text[4] == 0x2D, text[7] == 0x2D, let year = number(0, 4), let month = number(5, 2),
            let day = number(8, 2), CivilDate.isValid(year, month, day)
        else { return nil }
        var result = SeedTimestamp(year: year, month: month, day: day)
        if self == .dateTime {
            guard text[10] == 0x20, text[13] == 0x3A, text[16] == 0x3A, let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), hour <= 23, minute <= 59, second <= 59
            else { return nil }
            result.hour = hour
            result.minute = minute
            result.second = second
        }
        return result
    }

    /// The regex engine's depth-first search from `element` at `position`: the end of the first
    /// match, or nil.
    private func match(
        _ element: Int, _ position: Int, _ text: Scalars, _ fields: inout (Int, Int, Int, Int, Int, Int)
    ) -> Int? {
        guard element < elementCount else { return position }
        switch element {
        case 1, 3, 7, 9:
            let literal: UInt32 = element < 5 ? 0x2D : 0x3A  // "-" or ":"
            guard position < text.count, text[position] == literal else { return nil }
            return match(element + 1, position + 1, text, &fields)
        case 5:
            // `\s+`, greedy: the longest run first, then shorter ones.
            var length = 0
            while position + length < text.count, Scalars.isSpace(text[position + length]) { length += 1 }
            while length >= 1 {
                if let end = match(element + 1, position + length, text, &fields) { return end }
                length -= 1
            }
            return nil
        default:
            for alternative in 0..<Self.alternativeCount(element) {
                guard let (length, value) = Self.alternative(element, alternative, at: position, in: text)
                else {
                    continue
                }
                switch element {
                case 0: fields.0 = value
                case 2: fields.1 = value
                case 4: fields.2 = value
                case 6: fields.3 = value
                case 8: fields.4 = value
                default: fields.5 = value
                }
                if let end = match(element + 1, position + length, text, &fields) { return end }
            }
            return nil
        }
    }

    /// Whether one regex alternative of a directive matches at `position`: its length and the
    /// `int()` of what it matched (`int(" 5")` is 5: `%d`'s leading space only pads).
    private static func alternative(_ element: Int, _ alternative: Int, at position: Int, in text: Scalars)
        -> (
            length: Int, value: Int
        )?
    {
        /// `\d` at an offset.
        func digit(_ offset: Int) -> Int? {
            position + offset < text.count ? Scalars.decimalDigit(text[position + offset]) : nil
        }
        /// An ASCII class such as `[1-9]` (or one character) at an offset, as a digit value.
        func ascii(_ offset: Int, _ low: Unicode.Scalar, _ high: Unicode.Scalar) -> Int? {
            guard position + offset < text.count else { return nil }
            let scalar = text[position + offset]
            guard scalar >= low.value, scalar <= high.value else { return nil }
            return scalar == 0x20 ? 0 : Int(scalar) - 0x30
        }
        func pair(_ tens: Int?, _ ones: Int?) -> (length: Int, value: Int)? {
            guard let tens, let ones else { return nil }
            return (2, tens * 10 + ones)
        }
        func single(_ value: Int?) -> (length: Int, value: Int)? { value.map { (1, $0) } }
        switch (element, alternative) {
        case (0, _):  // %Y: \d\d\d\d
            guard let a = digit(0), let b = digit(1), let c = digit(2), let d = digit(3) else { return nil }
            return (4, a * 1000 + b * 100 + c * 10 + d)
        case (2, 0): return pair(ascii(0, "1", "1"), ascii(1, "0", "2"))  // %m: 1[0-2]
        case (2, 1): return pair(ascii(0, "0", "0"), ascii(1, "1", "9"))  //     0[1-9]
        case (2, _): return single(ascii(0, "1", "9"))  //                       [1-9]
        case (4, 0): return pair(ascii(0, "3", "3"), ascii(1, "0", "1"))  // %d: 3[0-1]
        case (4, 1): return pair(ascii(0, "1", "2"), digit(1))  //               [1-2]\d
        case (4, 2): return pair(ascii(0, "0", "0"), ascii(1, "1", "9"))  //     0[1-9]
        case (4, 3): return single(ascii(0, "1", "9"))  //                       [1-9]
        case (4, _): return pair(ascii(0, " ", " "), ascii(1, "1", "9"))  //     " [1-9]"
        case (6, 0): return pair(ascii(0, "2", "2"), ascii(1, "0", "3"))  // %H: 2[0-3]
        case (6, 1): return pair(ascii(0, "0", "1"), digit(1))  //               [0-1]\d
        case (6, _): return single(digit(0))  //                                 \d
        case (8, 0): return pair(ascii(0, "0", "5"), digit(1))  //               %M: [0-5]\d
        case (8, _): return single(digit(0))  //                                 \d
        case (10, 0): return pair(ascii(0, "6", "6"), ascii(1, "0", "1"))  // %S: 6[0-1]
        case (10, 1): return pair(ascii(0, "0", "5"), digit(1))  //               [0-5]\d
        default: return single(digit(0))  //                                      \d
        }
    }
}
