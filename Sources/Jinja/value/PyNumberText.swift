import BigInt
import Foundation

/// Numbers as Python's `%` and `format()` write them: C's `printf` digits for floats (both
/// are correctly rounded, so `'%.2f' % 2.675` is `2.67` in each), Python's own `g` rules on
/// top, and CPython's digit grouping.
enum PyNumberText {
    /// Python's `PyOS_double_to_string` for a non-negative magnitude (the caller writes the
    /// sign). `type` is one of `e E f F g G r`; `r` is `repr`; `addDotZero` is
    /// `Py_DTSF_ADD_DOT_0`, which `format()` with no type uses.
    static func double(
        _ magnitude: Double, type: Character, precision: Int, alternate: Bool, addDotZero: Bool
    ) -> String {
        let uppercase = type == "E" || type == "F" || type == "G"
        if magnitude.isNaN { return uppercase ? "NAN" : "nan" }
        if magnitude.isInfinite { return uppercase ? "INF" : "inf" }
        switch type {
        case "r":
            let text = pyFloatRepr(magnitude)
            guard alternate, !text.contains(".") else { return text }
            if let e = text.firstIndex(of: "e") { return text[..<e] + "." + text[e...] }
            return text + "."
        case "g", "G":
            let text = general(magnitude, precision: precision, alternate: alternate, addDotZero: addDotZero)
            return uppercase ? text.uppercased() : text
        default:
            return printf(magnitude, type, precision: precision, alternate: alternate)
        }
    }

    /// C's `printf` with one conversion (`e E f F`) and a precision.
    static func printf(_ value: Double, _ conversion: Character, precision: Int, alternate: Bool) -> String {
        let format = "%" + (alternate ? "#" : "") + ".\(precision)" + String(conversion)
        // A double has at most 309 integer digits; the rest is the precision and the exponent.
        let capacity = precision + 330
        var buffer = [CChar](repeating: 0, count: capacity)
        let written = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { vsnprintf(pointer.baseAddress, capacity, format, $0) }
        }
        let length = max(0, min(Int(written), capacity - 1))
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Python's `g` formatting (`format_float_short`): `precision` significant digits,
    /// scientific notation when the exponent is below -4 or not below the precision (one less
    /// with `addDotZero`, which also writes `1.0` for `1`), trailing zeros dropped unless
    /// `alternate`.
    private static func general(_ value: Double, precision: Int, alternate: Bool, addDotZero: Bool) -> String
    {
        let significant = max(precision, 1)
        // `%.Ne` gives correctly rounded digits `d.ddd` and the exponent after rounding.
        let scientific = printf(value, "e", precision: significant - 1, alternate: false)
        guard let e = scientific.firstIndex(of: "e"),
            let exponent = Int(scientific[scientific.index(after: e)...])
        else { return scientific }
        var digits = Array(scientific[..<e].filter { $0 != "." })
        if !alternate {
            while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        }
        let pointPosition = exponent + 1
        let useExponent = pointPosition <= -4 || pointPosition > (addDotZero ? significant - 1 : significant)
        if useExponent {
            var text = String(digits[0])
            if digits.count > 1 || alternate { text += "." + String(digits[1...]) }
            let magnitude = abs(exponent)
            return text + (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        var text: String
        if pointPosition <= 0 {
            text = "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        } else if pointPosition >= digits.count {
            text = String(digits) + String(repeating: "0", count: pointPosition - digits.count)
            if alternate { text += "." }
        } else {
            text = String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
        }
        if addDotZero && !text.contains(".") { text += ".0" }
        return text
    }

    /// CPython's `_PyUnicode_InsertThousandsGrouping`: `separator` every `groupSize` digits
    /// from the right, and when zero-padding (`minWidth` > 0) leading zeros, themselves
    /// grouped, until the text is at least `minWidth` long: `format(1234, '08,')` is
    /// `0,001,234`. A `groupSize` of 0 means no grouping, only the zeros.
    static func group(_ digits: String, separator: String, groupSize: Int, minWidth: Int) -> String {
        let characters = Array(digits)
        var remaining = characters.count
        var minWidth = minWidth
        var pieces: [String] = []
        // One group from the right: `length` characters, digits first, then zeros.
        func take(_ length: Int) {
            let count = max(0, min(remaining, length))
            let zeros = max(0, length - remaining)
            pieces.append(
                String(repeating: "0", count: zeros) + String(characters[(remaining - count)..<remaining]))
            remaining -= count
        }
        if groupSize > 0 && !separator.isEmpty {
            while true {
                let length = min(groupSize, max(remaining, minWidth, 1))
                take(length)
                minWidth -= length
                if remaining <= 0 && minWidth <= 0 { return pieces.reversed().joined(separator: separator) }
                minWidth -= separator.count
            }
        }
        take(max(remaining, minWidth, 1))
        return pieces.reversed().joined(separator: separator)
    }

    /// The digits of an integer in `radix`, without sign, and whether it is negative.
    static func integerDigits(_ value: Numeric, radix: Int, uppercase: Bool) -> (
        negative: Bool, digits: String
    ) {
        switch value {
        case .int(let i): return (i < 0, String(i.magnitude, radix: radix, uppercase: uppercase))
        case .big(let b): return (b.signum() < 0, String(b.magnitude, radix: radix, uppercase: uppercase))
        case .float(let d): return (d < 0, String(Int(d.magnitude), radix: radix, uppercase: uppercase))
        }
    }

    /// Python's `float(int)`, which refuses integers beyond the double range.
    static func toDouble(_ value: Numeric) throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .big(let b):
            let d = Double(b)
            guard d.isFinite else { throw RuntimeFailure.value("int too large to convert to float") }
            return d
        }
    }

    /// Python's `int(float)`: truncation toward zero, refusing NaN and infinities.
    static func truncate(_ d: Double) throws -> Numeric {
        if d.isNaN { throw RuntimeFailure.value("cannot convert float NaN to integer") }
        if d.isInfinite { throw RuntimeFailure.value("cannot convert float infinity to integer") }
        let whole = d.rounded(.towardZero)
        if let small = Int(exactly: whole) { return .int(small) }
        return .big(BigInt(whole))
    }
}
