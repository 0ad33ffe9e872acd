import BigInt
import Foundation

/// Python's number conversions and rounding, as the `int`, `float`, `round` and
/// `filesizeformat` filters need them.
enum PyNumber {
    /// Python's `float(value)`; nil where Python raises `TypeError` (not a number or a string).
    /// A string that is not a number raises `ValueError`; an undefined raises `UndefinedError`.
    static func float(_ value: Value) throws -> Double? {
        switch value {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .bigInt(let b):
            let d = Double(b)
            if d.isInfinite { throw RuntimeFailure.value("int too large to convert to float") }
            return d
        case .string(let s):
            guard let d = parseFloat(s) else {
                throw RuntimeFailure.value("could not convert string to float: \(pyStringRepr(s))")
            }
            return d
        case .undefined(let undefined): throw RuntimeFailure.undefined(undefined.message)
        default: return nil
        }
    }

    /// Python's `float(str)` grammar: optional whitespace and sign, then `inf`, `infinity`, `nan`
    /// or a decimal literal whose digits may be separated by single underscores.
    static func parseFloat(_ text: String) -> Double? {
        var s = Substring(PyText.strip(asciiDigits(text)))
        var sign = ""
        if let first = s.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            s = s.dropFirst()
        }
        switch s.lowercased() {
        case "inf", "infinity": return sign == "-" ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        var cleaned = sign
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: Character = " "
        var index = s.startIndex
        while index < s.endIndex {
            let c = s[index]
            let next = s.index(after: index) < s.endIndex ? s[s.index(after: index)] : " "
            if c.isASCII && c.isNumber {
                sawDigit = true
                cleaned.append(c)
            } else if c == "_" {
                guard previous.isASCII && previous.isNumber, next.isASCII && next.isNumber else { return nil }
            } else if c == "." {
                guard !sawDot, !sawExponent else { return nil }
                sawDot = true
                cleaned.append(c)
            } else if c == "e" || c == "E" {
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
                sawDigit = false
                cleaned.append("e")
                if next == "+" || next == "-" {
                    cleaned.append(next)
                    index = s.index(after: index)
                }
            } else {
                return nil
            }
            previous = c
            index = s.index(after: index)
        }
        guard sawDigit else { return nil }
        return Double(cleaned)
    }

    /// Python's `int(str, base)`; nil where Python raises `ValueError`.
    static func parseInt(_ text: String, base: Int) -> BigInt? {
        var s = Substring(PyText.strip(asciiDigits(text)))
        var negative = false
        if let first = s.first, first == "+" || first == "-" {
            negative = first == "-"
            s = s.dropFirst()
        }
        var radix = base
        let lower = s.lowercased()
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        for (prefix, prefixBase) in prefixes
        where lower.hasPrefix(prefix) && (base == 0 || base == prefixBase) {
            radix = prefixBase
            s = s.dropFirst(2)
            // An underscore may follow the prefix: `0x_1f`.
            if s.first == "_" { s = s.dropFirst() }
            break
        }
        if radix == 0 {
            radix = 10
            // Base 0 refuses leading zeros in a non-zero decimal, as Python literals do.
            let digits = s.filter { $0 != "_" }
            if digits.count > 1, digits.first == "0", digits.contains(where: { $0 != "0" }) { return nil }
        }
        guard !s.isEmpty, s.first != "_", s.last != "_", !s.contains("__") else { return nil }
        var result = BigInt(0)
        for c in s where c != "_" {
            guard let digit = c.hexDigitValue ?? letterDigit(c), digit < radix else { return nil }
            result = result * BigInt(radix) + BigInt(digit)
        }
        return negative ? -result : result
    }

    /// Python reads any Unicode decimal digit (`'١٢'` is 12) by mapping it to ASCII first.
    private static func asciiDigits(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !scalar.isASCII, scalar.properties.numericType == .decimal,
                let value = scalar.properties.numericValue,
                let ascii = Unicode.Scalar(UInt32(48 + Int(value)))
            {
                view.append(ascii)
            } else {
                view.append(scalar)
            }
        }
        return String(view)
    }

    private static func letterDigit(_ c: Character) -> Int? {
        guard c.isASCII, let ascii = c.lowercased().unicodeScalars.first?.value else { return nil }
        guard ascii >= 97 && ascii <= 122 else { return nil }
        return Int(ascii) - 97 + 10
    }

    /// Python's `int(float)`: truncation towards zero; nil for NaN and infinities.
    static func truncate(_ d: Double) -> BigInt? {
        guard d.isFinite else { return nil }
        return BigInt(exactly: d.rounded(.towardZero))
    }

    /// Python's `format(d, '.Nf')`.
    static func fixed(_ d: Double, digits: Int) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return String(format: "%.\(digits)f", d)
    }

    /// Python's `round(d, ndigits)` for a float: the exact binary value rounded half to even.
    static func round(_ d: Double, _ ndigits: Int) -> Double {
        guard d.isFinite, d != 0 else { return d }
        if ndigits >= 0 {
            // Beyond 323 digits every double is already exact, as CPython's NDIGITS_MAX says.
            if ndigits > 323 { return d }
            // printf rounds the exact binary value half to even, as Python's dtoa does.
            return Double(String(format: "%.\(ndigits)f", d)) ?? d
        }
        if ndigits < -308 { return 0 * d }
        guard let whole = BigInt(exactly: d.rounded(.towardZero)) else { return d }
        let fractional = d != d.rounded(.towardZero)
        let rounded = roundInteger(whole, -ndigits, inexactTail: fractional)
        return Double(rounded.description).map { $0 == 0 ? 0 * d : $0 } ?? d
    }

    /// Rounds an integer to a multiple of `10^digits`, half to even; `inexactTail` says a
    /// positive fraction follows the integer (so an apparent tie rounds away from zero).
    static func roundInteger(_ value: BigInt, _ digits: Int, inexactTail: Bool = false) -> BigInt {
        let unit = BigInt(10).power(digits)
        let magnitude = BigInt(value.magnitude)
        var (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: unit)
        let twice = remainder * 2
        if twice > unit || (twice == unit && (inexactTail || !(quotient % 2).isZero)) {
            quotient += 1
        }
        let result = quotient * unit
        return value < 0 ? -result : result
    }
}
