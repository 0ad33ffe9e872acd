/// Python's printf-style `format % args`, following CPython's `PyUnicode_Format`.
extension PyFormat {
    /// `format % args`: a tuple supplies several values, a mapping (dict, list, undefined)
    /// supplies `%(name)s` keys, anything else is the one value.
    static func percent(_ format: String, _ args: Value) throws -> String {
        var formatter = PercentFormatter(format: Array(format.unicodeScalars), args: args)
        return try formatter.run()
    }
}

/// The state of one `%` formatting: where it is in the format and in the arguments.
private struct PercentFormatter {
    let format: [Unicode.Scalar]
    var position = 0
    var output = ""
    /// The value `%(key)` reads from; CPython's `PyMapping_Check`, which lists pass too.
    let mapping: Value?
    /// The values conversions consume: a tuple's items, or the one value.
    var args: [Value]
    var argumentIndex = 0

    init(format: [Unicode.Scalar], args: Value) {
        self.format = format
        switch args {
        case .tuple(let items):
            self.args = items
            mapping = nil
        case .dict, .list, .undefined:
            self.args = [args]
            mapping = args
        default:
            self.args = [args]
            mapping = nil
        }
    }

    /// Flags and sizes of one conversion.
    struct Conversion {
        var leftJustify = false
        var sign = false
        var blank = false
        var alternate = false
        var zero = false
        var width = -1
        var precision = -1
        var type: Unicode.Scalar = "%"
    }

    mutating func run() throws -> String {
        while position < format.count {
            let start = position
            while position < format.count && format[position] != "%" { position += 1 }
            if position > start { output += PyText.string(format[start..<position]) }
            guard position < format.count else { break }
            position += 1
            try conversion()
        }
        if argumentIndex < args.count && mapping == nil {
            throw RuntimeFailure.type("not all arguments converted during string formatting")
        }
        return output
    }

    private func peek() -> Unicode.Scalar? { position < format.count ? format[position] : nil }

    private mutating func nextArgument() throws -> Value {
        guard argumentIndex < args.count else {
            throw RuntimeFailure.type("not enough arguments for format string")
        }
        argumentIndex += 1
        return args[argumentIndex - 1]
    }

    private mutating func conversion() throws {
        if peek() == "%" {
            position += 1
            output += "%"
            return
        }
        var spec = Conversion()
        if peek() == "(" { try selectKey() }
        flags: while let c = peek() {
            switch c {
            case "-": spec.leftJustify = true
            case "+": spec.sign = true
            case " ": spec.blank = true
            case "#": spec.alternate = true
            case "0": spec.zero = true
            default: break flags
            }
            position += 1
        }
        if peek() == "*" {
            position += 1
            spec.width = try starArgument()
            if spec.width < 0 {
                spec.leftJustify = true
                spec.width = -spec.width
            }
        } else if let digits = try digits("width too big") {
            spec.width = digits
        }
        if peek() == "." {
            position += 1
            if peek() == "*" {
                position += 1
                spec.precision = max(0, try starArgument())
            } else {
                spec.precision = try digits("precision too big") ?? 0
            }
        }
        // C's length modifiers mean nothing to Python and are skipped.
        if let c = peek(), c == "h" || c == "l" || c == "L" { position += 1 }
        guard let type = peek() else { throw RuntimeFailure.value("incomplete format") }
        position += 1
        spec.type = type
        try PyFormat.checkWidth(spec.width)
        try PyFormat.checkWidth(spec.precision)
        let value = try nextArgument()
        try emit(value, spec)
    }

    /// `%(key)`: the value of `key` in the mapping becomes the only argument.
    private mutating func selectKey() throws {
        guard let mapping else { throw RuntimeFailure.type("format requires a mapping") }
        position += 1
        let start = position
        var depth = 1
        while position < format.count {
            if format[position] == ")" {
                depth -= 1
                if depth == 0 { break }
            } else if format[position] == "(" {
                depth += 1
            }
            position += 1
        }
        guard position < format.count else { throw RuntimeFailure.value("incomplete format key") }
        let key = PyText.string(format[start..<position])
        position += 1
        args = [try Self.lookup(mapping, key)]
        argumentIndex = 0
    }

    private static func lookup(_ mapping: Value, _ key: String) throws -> Value {
        switch mapping {
        case .dict(let dict):
            guard let value = dict[string: key] else {
                throw RuntimeFailure.value(PythonMethods.keyErrorMessage(.string(key)))
            }
            return value
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        default:
            throw RuntimeFailure.type("\(mapping.typeName) indices must be integers or slices, not str")
        }
    }

    private mutating func starArgument() throws -> Int {
        let value = try nextArgument()
        guard value.numeric != nil, value.asFloat == nil else { throw RuntimeFailure.type("* wants int") }
        return try PyIndex.integer(value)
    }

    private mutating func digits(_ overflowMessage: String) throws -> Int? {
        var value: Int?
        while let c = peek(), ("0"..."9").contains(c) {
            let (shifted, overflow1) = (value ?? 0).multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(c.value - 48))
            if overflow1 || overflow2 { throw RuntimeFailure.value(overflowMessage) }
            value = sum
            position += 1
        }
        return value
    }

    private mutating func emit(_ value: Value, _ spec: Conversion) throws {
        let type = spec.type
        switch type {
        case "s", "r", "a":
            var text =
                type == "s" ? value.pyStr : (type == "r" ? PyFormat.repr(value) : PyFormat.ascii(value))
            if spec.precision >= 0 {
                text = PyText.string(text.unicodeScalars.prefix(spec.precision))
            }
            pad(sign: "", body: text, spec, numeric: false)
        case "c":
            let text: String
            if case .string(let s) = value, s.unicodeScalars.count == 1 {
                text = s
            } else if let number = value.numeric, value.asFloat == nil {
                text = try PyFormat.character(number)
            } else {
                throw RuntimeFailure.type("%c requires int or char")
            }
            pad(sign: "", body: text, spec, numeric: false)
        case "d", "i", "u", "o", "x", "X":
            try emitInteger(value, spec)
        case "e", "E", "f", "F", "g", "G":
            guard let number = value.numeric else {
                throw RuntimeFailure.type("must be real number, not \(value.typeName)")
            }
            let d = try PyNumberText.toDouble(number)
            let body = PyNumberText.double(
                d.magnitude, type: Character(type), precision: spec.precision < 0 ? 6 : spec.precision,
                alternate: spec.alternate, addDotZero: false)
            pad(sign: sign(negative: !d.isNaN && d.sign == .minus, spec), body: body, spec, numeric: true)
        default:
            let shown = type.value > 32 && type.value < 127 ? String(type) : "?"
            throw RuntimeFailure.value(
                "unsupported format character '\(shown)' (0x\(String(type.value, radix: 16))) at index \(position - 1)"
            )
        }
    }

    private mutating func emitInteger(_ value: Value, _ spec: Conversion) throws {
        let type = spec.type
        guard var number = value.numeric else {
            let kind = "dui".unicodeScalars.contains(type) ? "a real number" : "an integer"
            throw RuntimeFailure.type("%\(type) format: \(kind) is required, not \(value.typeName)")
        }
        if case .float(let d) = number {
            guard "dui".unicodeScalars.contains(type) else {
                throw RuntimeFailure.type("%\(type) format: an integer is required, not float")
            }
            number = try PyNumberText.truncate(d)
        }
        let radix = type == "o" ? 8 : (type == "x" || type == "X" ? 16 : 10)
        let (negative, magnitudeDigits) = PyNumberText.integerDigits(
            number, radix: radix, uppercase: type == "X")
        var digits = magnitudeDigits
        if spec.precision > digits.count {
            digits = String(repeating: "0", count: spec.precision - digits.count) + digits
        }
        var prefix = ""
        if spec.alternate && radix != 10 { prefix = type == "o" ? "0o" : (type == "x" ? "0x" : "0X") }
        pad(sign: sign(negative: negative, spec) + prefix, body: digits, spec, numeric: true)
    }

    private func sign(negative: Bool, _ spec: Conversion) -> String {
        negative ? "-" : (spec.sign ? "+" : (spec.blank ? " " : ""))
    }

    /// Width padding: spaces on the left or (with `-`) the right; with `0`, numbers get zeros
    /// between their sign or prefix and their digits.
    private mutating func pad(sign: String, body: String, _ spec: Conversion, numeric: Bool) {
        let length = sign.unicodeScalars.count + body.unicodeScalars.count
        let padding = max(0, spec.width - length)
        if padding == 0 {
            output += sign + body
        } else if spec.leftJustify {
            output += sign + body + String(repeating: " ", count: padding)
        } else if spec.zero && numeric {
            output += sign + String(repeating: "0", count: padding) + body
        } else {
            output += String(repeating: " ", count: padding) + sign + body
        }
    }
}

extension Value {
    /// The value when it is a Python float; `*` widths and `%x` refuse floats.
    fileprivate var asFloat: Double? {
        if case .float(let d) = self { return d }
        return nil
    }
}
