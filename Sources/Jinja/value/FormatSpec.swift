/// A parsed `format()` specification,
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, as CPython's
/// `parse_internal_render_format_spec` reads it.
struct FormatSpec {
    var fill: Unicode.Scalar = " "
    var align: Unicode.Scalar
    var sign: Unicode.Scalar?
    /// `z`: a negative zero after rounding prints without its sign.
    var noNegativeZero = false
    var alternate = false
    var width = 0
    /// `,` or `_`.
    var separator: Unicode.Scalar?
    /// Digits per group: 3, or 4 for `_` with `b`, `o`, `x`, `X`.
    var groupSize = 3
    var precision: Int?
    var type: Unicode.Scalar?

    /// Parses `spec` for a value whose type is `typeName`, which has `defaultType` (`s` for
    /// str, `d` for int, none for float) and `defaultAlign`.
    init(_ spec: String, typeName: String, defaultType: Unicode.Scalar?, defaultAlign: Unicode.Scalar) throws
    {
        align = defaultAlign
        type = defaultType
        let chars = Array(spec.unicodeScalars)
        var position = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < chars.count ? chars[position + offset] : nil
        }
        let alignments: Set<Unicode.Scalar> = ["<", ">", "=", "^"]
        var fillSpecified = false
        var alignSpecified = false
        if let second = peek(1), alignments.contains(second), let first = peek() {
            fill = first
            align = second
            fillSpecified = true
            alignSpecified = true
            position += 2
        } else if let first = peek(), alignments.contains(first) {
            align = first
            alignSpecified = true
            position += 1
        }
        if let c = peek(), c == "+" || c == "-" || c == " " {
            sign = c
            position += 1
        }
        if peek() == "z" {
            noNegativeZero = true
            position += 1
        }
        if peek() == "#" {
            alternate = true
            position += 1
        }
        // The `0` flag: zero fill, and sign-aware padding for numbers unless an alignment is given.
        if !fillSpecified && peek() == "0" {
            fill = "0"
            if !alignSpecified && defaultAlign == ">" { align = "=" }
            position += 1
        }
        if let digits = try Self.integer(chars, &position) { width = digits }
        if peek() == "," {
            separator = ","
            position += 1
        }
        if peek() == "_" {
            if separator != nil { throw RuntimeFailure.value("Cannot specify both ',' and '_'.") }
            separator = "_"
            position += 1
        }
        if peek() == "," && separator == "_" {
            throw RuntimeFailure.value("Cannot specify both ',' and '_'.")
        }
        if peek() == "." {
            position += 1
            guard let digits = try Self.integer(chars, &position) else {
                throw RuntimeFailure.value("Format specifier missing precision")
            }
            precision = digits
        }
        if chars.count - position > 1 {
            throw RuntimeFailure.value("Invalid format specifier '\(spec)' for object of type '\(typeName)'")
        }
        if let last = peek() { type = last }
        if let separator { try checkSeparator(separator) }
    }

    /// PEP 378 and PEP 515: which presentation types accept `,` and `_`.
    private mutating func checkSeparator(_ separator: Unicode.Scalar) throws {
        switch type {
        case nil, "d", "e", "f", "g", "E", "G", "%", "F":
            return
        case "b", "o", "x", "X":
            guard separator == "_" else { break }
            groupSize = 4
            return
        default:
            break
        }
        throw RuntimeFailure.value("Cannot specify '\(separator)' with \(Self.describe(type)).")
    }

    /// A type code as CPython's messages quote it: `'x'`, or `'\x..'` outside printable ASCII.
    static func describe(_ type: Unicode.Scalar?) -> String {
        guard let type else { return "'\\x0'" }
        if type.value > 32 && type.value < 128 { return "'\(type)'" }
        return "'\\x\(String(type.value, radix: 16))'"
    }

    /// Decimal digits at `position`, or nil when there are none.
    private static func integer(_ chars: [Unicode.Scalar], _ position: inout Int) throws -> Int? {
        var value = 0
        var consumed = false
        while position < chars.count, chars[position].properties.numericType == .decimal,
            let digit = chars[position].properties.numericValue
        {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 {
                throw RuntimeFailure.value("Too many decimal digits in format string")
            }
            value = sum
            consumed = true
            position += 1
        }
        return consumed ? value : nil
    }
}
