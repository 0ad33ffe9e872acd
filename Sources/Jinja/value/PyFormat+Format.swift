/// `str.format` and `str.format_map` as Jinja2's sandbox runs them: through
/// `string.Formatter` (its `SandboxedFormatter`), whose field lookups use Jinja's own
/// attribute and item access, so a missing attribute formats as an empty undefined instead of
/// raising. That Python-level formatter also words some errors differently from C's
/// `str.format`: a missing positional is `tuple index out of range`, and switching between
/// automatic and manual numbering always reports the manual-to-automatic message.
extension PyFormat {
    /// `format.format(*args, **kwargs)`.
    static func format(_ format: String, _ arguments: Arguments, _ context: CallContext) throws -> String {
        let lookup = FieldLookup(positional: arguments.positional, context: context) { name in
            guard let value = arguments.keyword(name) else {
                throw RuntimeFailure.value(PythonMethods.keyErrorMessage(.string(name)))
            }
            return value
        }
        var state = AutoNumbering.unused(next: 0)
        return try lookup.render(Array(format.unicodeScalars), depth: 2, &state)
    }

    /// `format.format_map(mapping)`: names are looked up in `mapping`; there are no positionals.
    static func formatMap(_ format: String, _ mapping: Value, _ context: CallContext) throws -> String {
        let lookup = FieldLookup(positional: [], context: context) { name in
            switch mapping {
            case .dict(let dict):
                guard let value = dict[string: name] else {
                    throw RuntimeFailure.value(PythonMethods.keyErrorMessage(.string(name)))
                }
                return value
            case .list, .tuple:
                throw RuntimeFailure.type("\(mapping.typeName) indices must be integers or slices, not str")
            default:
                throw RuntimeFailure.type("'\(mapping.typeName)' object is not subscriptable")
            }
        }
        var state = AutoNumbering.unused(next: 0)
        return try lookup.render(Array(format.unicodeScalars), depth: 2, &state)
    }
}

/// `string.Formatter`'s `auto_arg_index`: a count while `{}` fields number themselves, or
/// `manual` (Python's `False`) once a field has named its index.
private enum AutoNumbering {
    case unused(next: Int)
    case manual
}

/// One field of a format string: `{name!conversion:spec}`.
private struct Field {
    var name: [Unicode.Scalar]
    var conversion: Unicode.Scalar?
    var spec: [Unicode.Scalar]
}

/// Resolves and formats fields against the call's arguments.
private struct FieldLookup {
    let positional: [Value]
    let context: CallContext
    let named: (String) throws -> Value

    init(positional: [Value], context: CallContext, named: @escaping (String) throws -> Value) {
        self.positional = positional
        self.context = context
        self.named = named
    }

    /// `Formatter._vformat`: literal text and fields in order; specs are rendered recursively,
    /// two levels deep at most.
    func render(_ format: [Unicode.Scalar], depth: Int, _ numbering: inout AutoNumbering) throws -> String {
        if depth < 0 { throw RuntimeFailure.value("Max string recursion exceeded") }
        var parser = MarkupParser(format: format)
        var output = ""
        while let (literal, field) = try parser.next() {
            output += literal
            guard let field else { continue }
            var name = field.name
            if name.isEmpty {
                guard case .unused(let next) = numbering else {
                    throw RuntimeFailure.value(
                        "cannot switch from manual field specification to automatic field numbering")
                }
                name = Array(String(next).unicodeScalars)
                numbering = .unused(next: next + 1)
            } else if name.allSatisfy(\.isPythonDigit) {
                // Python tests `if auto_arg_index:`, so a count of 0 is no conflict.
                if case .unused(let next) = numbering, next > 0 {
                    throw RuntimeFailure.value(
                        "cannot switch from manual field specification to automatic field numbering")
                }
                numbering = .manual
            }
            let value = try convert(try resolve(name), field.conversion)
            let spec = try render(field.spec, depth: depth - 1, &numbering)
            output += try PyFormat.formatValue(value, spec)
        }
        return output
    }

    private func convert(_ value: Value, _ conversion: Unicode.Scalar?) throws -> Value {
        switch conversion {
        case nil: return value
        case "s": return .string(value.pyStr)
        case "r": return .string(PyFormat.repr(value))
        case "a": return .string(PyFormat.ascii(value))
        case let other?: throw RuntimeFailure.value("Unknown conversion specifier \(other)")
        }
    }

    /// `get_field`: the argument named by the part before the first `.` or `[`, then each
    /// `.attr` and `[key]` through Jinja's `getattr` and `getitem`.
    private func resolve(_ name: [Unicode.Scalar]) throws -> Value {
        let firstEnd = name.firstIndex { $0 == "." || $0 == "[" } ?? name.count
        let first = Array(name[..<firstEnd])
        var value: Value
        if let index = try Self.integer(first) {
            guard index < positional.count else { throw RuntimeFailure.value("tuple index out of range") }
            value = positional[index]
        } else {
            value = try named(PyText.string(first))
        }
        var position = firstEnd
        while position < name.count {
            let opener = name[position]
            position += 1
            let start = position
            let part: [Unicode.Scalar]
            switch opener {
            case ".":
                while position < name.count && name[position] != "." && name[position] != "[" {
                    position += 1
                }
                part = Array(name[start..<position])
            case "[":
                while position < name.count && name[position] != "]" { position += 1 }
                guard position < name.count else {
                    throw RuntimeFailure.value("Missing ']' in format string")
                }
                part = Array(name[start..<position])
                position += 1
            default:
                throw RuntimeFailure.value("Only '.' or '[' may follow ']' in format field specifier")
            }
            if part.isEmpty { throw RuntimeFailure.value("Empty attribute in format string") }
            if opener == "." {
                value = try value.attribute(PyText.string(part), context)
            } else if let index = try Self.integer(part) {
                value = try value.item(.int(index), context)
            } else {
                value = try value.item(.string(PyText.string(part)), context)
            }
        }
        return value
    }

    /// CPython's `get_integer`: a non-empty run of decimal digits (any script), else nil.
    private static func integer(_ scalars: [Unicode.Scalar]) throws -> Int? {
        guard !scalars.isEmpty else { return nil }
        var value = 0
        for scalar in scalars {
            guard scalar.isPythonDecimal, let digit = scalar.properties.numericValue else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 {
                throw RuntimeFailure.value("Too many decimal digits in format string")
            }
            value = sum
        }
        return value
    }
}

/// CPython's `MarkupIterator`: splits a format string into literal text and fields.
private struct MarkupParser {
    let format: [Unicode.Scalar]
    var position = 0

    init(format: [Unicode.Scalar]) { self.format = format }

    /// The next literal text and the field after it, nil at the end.
    mutating func next() throws -> (String, Field?)? {
        guard position < format.count else { return nil }
        let start = position
        var brace: Unicode.Scalar?
        while position < format.count {
            let c = format[position]
            position += 1
            if c == "{" || c == "}" {
                brace = c
                break
            }
        }
        guard let brace else { return (PyText.string(format[start..<position]), nil) }
        let atEnd = position >= format.count
        if brace == "}" && (atEnd || format[position] != "}") {
            throw RuntimeFailure.value("Single '}' encountered in format string")
        }
        if atEnd && brace == "{" { throw RuntimeFailure.value("Single '{' encountered in format string") }
        if format[position] == brace {
            // A doubled brace is literal text.
            position += 1
            return (PyText.string(format[start..<(position - 1)]), nil)
        }
        let literal = PyText.string(format[start..<(position - 1)])
        return (literal, try parseField())
    }

    /// CPython's `parse_field`, from just after the opening brace through the closing one.
    private mutating func parseField() throws -> Field {
        let nameStart = position
        var terminator: Unicode.Scalar?
        scan: while position < format.count {
            let c = format[position]
            position += 1
            switch c {
            case "{": throw RuntimeFailure.value("unexpected '{' in field name")
            case "[":
                while position < format.count && format[position] != "]" { position += 1 }
            case "}", ":", "!":
                terminator = c
                break scan
            default: continue
            }
        }
        let nameEnd = terminator == nil ? position : position - 1
        var field = Field(name: Array(format[nameStart..<nameEnd]), conversion: nil, spec: [])
        guard let terminator, terminator != "}" else {
            if terminator == nil { throw RuntimeFailure.value("expected '}' before end of string") }
            return field
        }
        if terminator == "!" {
            guard position < format.count else {
                throw RuntimeFailure.value("end of string while looking for conversion specifier")
            }
            field.conversion = format[position]
            position += 1
            if position < format.count {
                let c = format[position]
                position += 1
                if c == "}" { return field }
                if c != ":" { throw RuntimeFailure.value("expected ':' after conversion specifier") }
            }
        }
        let specStart = position
        var depth = 1
        while position < format.count {
            let c = format[position]
            position += 1
            if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 {
                    field.spec = Array(format[specStart..<(position - 1)])
                    return field
                }
            }
        }
        throw RuntimeFailure.value("unmatched '{' in format spec")
    }
}
