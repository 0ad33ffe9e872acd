extension Double {
    /// Python's `repr(float)`: the shortest digits that round-trip, written positionally when the
    /// decimal exponent is in [-4, 16) and in scientific notation otherwise, with at least two
    /// exponent digits (`1e-05`, `1e+16`, `0.0001`, `1000000000000000.0`, `0.30000000000000004`).
    ///
    /// Swift's `description` already produces the shortest round-trip digits (as Python's
    /// David Gay `dtoa` mode 0 does); only the layout differs, so the digits are taken from it and
    /// laid out by CPython's `format_float_short` rules. Not defined for NaN and infinities,
    /// which `json` writes as `NaN`, `Infinity` and `-Infinity` (see `JSONValue.serialized`).
    public var pythonRepr: String {
        if self == 0 { return sign == .minus ? "-0.0" : "0.0" }
        let (digits, point) = shortestDecimalDigits
        var out = sign == .minus ? "-" : ""
        let digitText = String(decoding: digits, as: UTF8.self)
        if point > -4 && point <= 16 {
            if point <= 0 {
                out += "0." + String(repeating: "0", count: -point) + digitText
            } else if point >= digits.count {
                out += digitText + String(repeating: "0", count: point - digits.count) + ".0"
            } else {
                out +=
                    String(decoding: digits[..<point], as: UTF8.self) + "."
                    + String(decoding: digits[point...], as: UTF8.self)
            }
        } else {
            out += String(decoding: digits[..<1], as: UTF8.self)
            if digits.count > 1 { out += "." + String(decoding: digits[1...], as: UTF8.self) }
            let e = point - 1
            out += e < 0 ? "e-" : "e+"
            out += abs(e) < 10 ? "0\(abs(e))" : "\(abs(e))"
        }
        return out
    }

    /// The magnitude's shortest round-tripping decimal digits, as dtoa's `(digits, decpt)`: the
    /// value is 0.DIGITS × 10^point, with no leading or trailing zero digits (none at all for
    /// zero). Python's `Decimal(repr(x))` holds these digits, which is how agate reads a float.
    /// Not defined for NaN and infinities.
    public var shortestDecimalDigits: (digits: [UInt8], point: Int) {
        if self == 0 { return ([], 0) }
        let text = magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array((integerPart + fraction).utf8)
        var point = integerPart.count + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, point)
    }
}
