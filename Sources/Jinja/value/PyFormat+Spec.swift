/// Python's built-in `format(value, spec)`: the format-spec mini-language of `str`, `int` and
/// `float`, and `object.__format__` (empty spec only) for everything else.
extension PyFormat {
    static func formatValue(_ value: Value, _ spec: String) throws -> String {
        switch value {
        case .string(let s):
            if spec.isEmpty { return s }
            return try formatString(s, FormatSpec(spec, typeName: "str", defaultType: "s", defaultAlign: "<"))
        case .int, .bigInt, .bool:
            // bool inherits int.__format__, which prints True/False only for an empty spec.
            if spec.isEmpty { return value.pyStr }
            guard let number = value.numeric else { return value.pyStr }
            let parsed = try FormatSpec(spec, typeName: value.typeName, defaultType: "d", defaultAlign: ">")
            switch parsed.type {
            case "b", "c", "d", "o", "x", "X", "n":
                return try formatInteger(number, parsed)
            case "e", "E", "f", "F", "g", "G", "%":
                return try formatFloat(try PyNumberText.toDouble(number), parsed)
            default:
                throw unknownCode(parsed.type, value)
            }
        case .float(let d):
            if spec.isEmpty { return pyFloatRepr(d) }
            let parsed = try FormatSpec(spec, typeName: "float", defaultType: nil, defaultAlign: ">")
            switch parsed.type {
            case nil, "e", "E", "f", "F", "g", "G", "n", "%":
                return try formatFloat(d, parsed)
            default:
                throw unknownCode(parsed.type, value)
            }
        default:
            if spec.isEmpty { return value.pyStr }
            let typeName = value.isUndefined ? "Undefined" : value.typeName
            throw RuntimeFailure.type("unsupported format string passed to \(typeName).__format__")
        }
    }

    private static func unknownCode(_ type: Unicode.Scalar?, _ value: Value) -> RuntimeFailure {
        .value("Unknown format code \(FormatSpec.describe(type)) for object of type '\(value.typeName)'")
    }

    private static func formatString(_ s: String, _ spec: FormatSpec) throws -> String {
        guard spec.type == "s" else { throw unknownCode(spec.type, .string(s)) }
        if let sign = spec.sign {
            throw RuntimeFailure.value(
                "\(sign == " " ? "Space" : "Sign") not allowed in string format specifier")
        }
        if spec.noNegativeZero {
            throw RuntimeFailure.value("Negative zero coercion (z) not allowed in string format specifier")
        }
        if spec.alternate {
            throw RuntimeFailure.value("Alternate form (#) not allowed in string format specifier")
        }
        if spec.align == "=" {
            throw RuntimeFailure.value("'=' alignment not allowed in string format specifier")
        }
        var scalars = Array(s.unicodeScalars)
        if let precision = spec.precision, precision < scalars.count {
            scalars = Array(scalars[..<precision])
        }
        return try pad(PyText.string(scalars), count: scalars.count, spec)
    }

    /// Pads text of `count` code points to the spec's width with its fill and alignment.
    private static func pad(_ text: String, count: Int, _ spec: FormatSpec) throws -> String {
        try checkWidth(spec.width)
        let padding = spec.width - count
        guard padding > 0 else { return text }
        let left: Int
        switch spec.align {
        case ">": left = padding
        case "^": left = padding / 2
        default: left = 0
        }
        let fill = String(spec.fill)
        return String(repeating: fill, count: left) + text + String(repeating: fill, count: padding - left)
    }

    private static func formatInteger(_ number: Numeric, _ spec: FormatSpec) throws -> String {
        if spec.precision != nil {
            throw RuntimeFailure.value("Precision not allowed in integer format specifier")
        }
        if spec.noNegativeZero {
            throw RuntimeFailure.value("Negative zero coercion (z) not allowed in integer format specifier")
        }
        if spec.type == "c" {
            if spec.sign != nil {
                throw RuntimeFailure.value("Sign not allowed with integer format specifier 'c'")
            }
            if spec.alternate {
                throw RuntimeFailure.value("Alternate form (#) not allowed with integer format specifier 'c'")
            }
            // format() narrows to a C long before the range check; `%c` does not.
            if case .big = number { throw RuntimeFailure.value("Python int too large to convert to C long") }
            let character = try PyFormat.character(number)
            return try assembleNumber(negative: false, prefix: "", digits: "", remainder: character, spec)
        }
        let radix: Int
        var prefix = ""
        switch spec.type {
        case "b": radix = 2; prefix = "0b"
        case "o": radix = 8; prefix = "0o"
        case "x": radix = 16; prefix = "0x"
        case "X": radix = 16; prefix = "0X"
        default: radix = 10
        }
        let (negative, digits) = PyNumberText.integerDigits(number, radix: radix, uppercase: spec.type == "X")
        return try assembleNumber(
            negative: negative, prefix: spec.alternate ? prefix : "", digits: digits, remainder: "", spec)
    }

    /// `chr(n)` for `%c` and `format(n, 'c')`.
    static func character(_ number: Numeric) throws -> String {
        guard case .int(let code) = number, code >= 0, code < 0x110000 else {
            throw RuntimeFailure.value("%c arg not in range(0x110000)")
        }
        // A lone surrogate cannot live in a Swift string; Python would keep it.
        return String(Character(Unicode.Scalar(UInt32(code)) ?? "\u{FFFD}"))
    }

    private static func formatFloat(_ value: Double, _ spec: FormatSpec) throws -> String {
        var type: Character
        var precision = spec.precision ?? 6
        var addDotZero = false
        var magnitude = value.magnitude
        var percent = ""
        switch spec.type {
        case nil:
            // No type: `repr` without a precision, else `g` that keeps a `.0`.
            addDotZero = true
            type = spec.precision == nil ? "r" : "g"
        case "n": type = "g"
        case "%":
            type = "f"
            magnitude *= 100
            percent = "%"
        case let other?: type = Character(other)
        }
        if spec.precision == nil && type == "r" { precision = 0 }
        try checkWidth(precision)
        let text = PyNumberText.double(
            magnitude, type: type, precision: precision, alternate: spec.alternate, addDotZero: addDotZero)
        var negative = !value.isNaN && value.sign == .minus
        if negative && spec.noNegativeZero && Self.isZero(text) { negative = false }
        let digitCount = text.prefix(while: { $0.isASCII && $0.isNumber }).count
        return try assembleNumber(
            negative: negative, prefix: "", digits: String(text.prefix(digitCount)),
            remainder: String(text.dropFirst(digitCount)) + percent, spec)
    }

    /// Whether formatted digits (before any exponent) are all zeros, for the `z` option.
    private static func isZero(_ text: String) -> Bool {
        text.prefix(while: { $0 != "e" && $0 != "E" }).allSatisfy { $0 == "0" || $0 == "." }
    }

    /// CPython's `calc_number_widths` and `fill_number`: sign, prefix, grouped digits and the
    /// rest (fraction, exponent, `%`), padded; `=` pads between the sign and the digits.
    private static func assembleNumber(
        negative: Bool, prefix: String, digits: String, remainder: String, _ spec: FormatSpec
    ) throws -> String {
        try checkWidth(spec.width)
        var sign = ""
        if negative {
            sign = "-"
        } else if spec.sign == "+" {
            sign = "+"
        } else if spec.sign == " " {
            sign = " "
        }
        let nonDigits = sign.count + prefix.count + remainder.unicodeScalars.count
        let zeroPadding = spec.fill == "0" && spec.align == "="
        var grouped = ""
        if !digits.isEmpty {
            let separator = spec.type == "n" ? "" : spec.separator.map { String($0) } ?? ""
            grouped = PyNumberText.group(
                digits, separator: separator, groupSize: separator.isEmpty ? 0 : spec.groupSize,
                minWidth: zeroPadding ? spec.width - nonDigits : 0)
        }
        let padding = max(0, spec.width - nonDigits - grouped.count)
        let fill = String(spec.fill)
        var left = 0
        var inner = 0
        switch spec.align {
        case "<": break
        case "^": left = padding / 2
        case "=": inner = padding
        default: left = padding
        }
        let right = padding - left - inner
        return String(repeating: fill, count: left) + sign + prefix + String(repeating: fill, count: inner)
            + grouped + remainder + String(repeating: fill, count: right)
    }
}
