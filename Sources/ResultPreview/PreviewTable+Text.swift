import PythonRepr

extension PreviewTable {
    /// agate's `print_table(max_rows=None)` as `dbt show` calls it: a Markdown table of the first
    /// `maxColumns` columns (then a `...` column), each value and name cut to `maxColumnWidth`
    /// characters (the last three `...`), text left-aligned and everything else right-aligned,
    /// numbers as babel formats them for the English locale with the most decimal places their
    /// column needs, up to `maxPrecision` (then `…`). Ends with a newline.
    public func text(maxColumns: Int = 6, maxColumnWidth: Int = 20, maxPrecision: Int = 3) -> String {
        let truncated = columnNames.count > maxColumns
        var header = columnNames.prefix(maxColumns).map { Self.cut($0, to: maxColumnWidth) }
        if truncated { header.append("...") }
        var widths = header.map(\.unicodeScalars.count)
        let formats = columnTypes.prefix(maxColumns).indices.map { index -> NumberFormat? in
            guard columnTypes[index] == .number else { return nil }
            return NumberFormat(places: rows.map { $0[index] }, maxPrecision: maxPrecision)
        }
        let cells = rows.map { row -> [String] in
            var cells: [String] = []
            for (index, value) in row.enumerated() {
                let cell = index >= maxColumns ? "..." : Self.cut(display(value, format: formats[index]), to: maxColumnWidth)
                widths[index] = max(widths[index], cell.unicodeScalars.count)
                cells.append(cell)
                if index >= maxColumns { break }
            }
            return cells
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.unicodeScalars.count))
                return " " + (columnTypes[index] == .text ? cell + padding : padding + cell) + " "
            }
            return "|" + padded.joined(separator: "|") + "|\n"
        }
        let divider = "| " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " | ") + " |\n"
        return line(header) + divider + cells.map(line).joined()
    }

    /// A value as `print_table` writes it: `str()` of it, a number through its column's format.
    private func display(_ value: PreviewValue, format: NumberFormat?) -> String {
        if let format {
            switch value {
            case .integer(let number): return format.format(DecimalDigits(number))
            case .real(let number) where number.isNaN: return format.format(nil)
            case .real(let number) where number.isInfinite: return number < 0 ? "-Infinity" : "Infinity"
            case .real(let number): return format.format(DecimalDigits(number))
            default: break
            }
        }
        return Self.pythonString(value)
    }

    /// Python's `str()` of the value dbt holds (`''` for `None`, as agate prints it).
    static func pythonString(_ value: PreviewValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let number): return String(number)
        case .real(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return number.pythonRepr
        case .text(let text), .date(let text), .dateTime(let text): return text
        case .boolean(let flag): return flag ? "True" : "False"
        }
    }

    /// `text` cut to `width` characters, its end replaced by `...`.
    static func cut(_ text: String, to width: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > width else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(max(0, width - 3)))) + "..."
    }
}

/// A decimal number as Python's `Decimal` holds a float's `repr` or an int: its digits without
/// leading or trailing zeros, worth 0.DIGITS × 10^point.
struct DecimalDigits {
    var negative: Bool
    var digits: [UInt8]
    var point: Int

    init(_ number: Int64) {
        negative = number < 0
        var text = Array(String(number.magnitude).utf8)
        point = text == [UInt8(ascii: "0")] ? 0 : text.count
        while text.last == UInt8(ascii: "0") { text.removeLast() }
        digits = text
    }

    init(_ number: Double) {
        negative = number.sign == .minus
        (digits, point) = number.shortestDecimalDigits
    }

    /// agate's `max_precision`: decimal places (after normalising) and whole places.
    var decimalPlaces: Int { max(0, digits.count - point) }
    var wholePlaces: Int { point }
}

/// babel's `format_decimal` with agate's pattern `#,##0.000` (as many zeros as places; `…` after
/// when the column needed more than it shows), for the English locale.
struct NumberFormat {
    var places: Int
    var ellipsis: Bool

    /// agate's `max_precision` over a column, capped at `maxPrecision`.
    init(places values: [PreviewValue], maxPrecision: Int) {
        var whole = 1
        var decimals = 0
        for value in values {
            let digits: DecimalDigits
            switch value {
            case .integer(let number): digits = DecimalDigits(number)
            case .real(let number) where number.isFinite: digits = DecimalDigits(number)
            default: continue
            }
            whole = max(whole, digits.wholePlaces)
            decimals = max(decimals, digits.decimalPlaces)
        }
        // Python's decimal context holds 28 digits.
        if whole + decimals > 28 { decimals = 28 - whole }
        places = min(decimals, maxPrecision)
        ellipsis = decimals > maxPrecision
    }

    /// The number rounded half-even to `places`, its whole part grouped by thousands; nil: NaN.
    func format(_ number: DecimalDigits?) -> String {
        let suffix = ellipsis ? "…" : ""
        guard let number else { return "NaN" + (places > 0 ? "." + String(repeating: "0", count: places) : "") + suffix }
        var kept = Self.rounded(number, places: places)
        if kept.count < places + 1 { kept = Array(repeating: 0, count: places + 1 - kept.count) + kept }
        let whole = kept.dropLast(places)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
            grouped += String(digit)
        }
        let fraction = places > 0 ? "." + kept.suffix(places).map(String.init).joined() : ""
        return (number.negative ? "-" : "") + grouped + fraction + suffix
    }

    /// The digits of the number × 10^places, rounded half-even to an integer (no leading zeros;
    /// empty for zero).
    static func rounded(_ number: DecimalDigits, places: Int) -> [Int] {
        let count = number.point + places
        let digits = number.digits.map { Int($0) - 48 }
        guard count >= 0 else { return [] }
        var kept = Array(digits.prefix(count))
        if kept.count < count { kept += Array(repeating: 0, count: count - kept.count) }
        let rest = digits.dropFirst(count)
        if let first = rest.first {
            let odd = (kept.last ?? 0) % 2 == 1
            if first > 5 || (first == 5 && (rest.count > 1 || odd)) {
                var index = kept.count - 1
                while index >= 0 && kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                }
                if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0) }
            }
        }
        while kept.first == 0 { kept.removeFirst() }
        return kept
    }
}
