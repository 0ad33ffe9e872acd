/// `str` methods that transform or classify the whole string: case, padding, predicates,
/// `join`, `format`.
///
///     {{ 'ab'.center(6, '*') }}  →  **ab**
///     {{ ', '.join(['a', 'b']) }}  →  a, b
extension PythonMethods {
    static func strMethod(_ s: String, _ name: String) -> Body? {
        switch name {
        case "upper": return transform { PyCase.upper(s) }
        case "lower": return transform { PyCase.lower(s) }
        case "casefold": return transform { PyCase.fold(s) }
        case "title": return transform { PyCase.title(s) }
        case "capitalize": return transform { PyCase.capitalize(s) }
        case "swapcase": return transform { PyCase.swapcase(s) }
        case "isalnum": return predicate { allScalars(s, \.isPythonAlnum) }
        case "isalpha": return predicate { allScalars(s, \.isPythonAlpha) }
        case "isascii": return predicate { s.unicodeScalars.allSatisfy(\.isASCII) }
        case "isdecimal": return predicate { allScalars(s, \.isPythonDecimal) }
        case "isdigit": return predicate { allScalars(s, \.isPythonDigit) }
        case "isnumeric": return predicate { allScalars(s, \.isPythonNumeric) }
        case "isspace": return predicate { allScalars(s, \.isPythonSpace) }
        case "isprintable": return predicate { s.unicodeScalars.allSatisfy(\.isPythonPrintable) }
        case "isidentifier": return predicate { isIdentifier(s) }
        case "islower": return predicate { PyCase.isAll(s, lower: true) }
        case "isupper": return predicate { PyCase.isAll(s, lower: false) }
        case "istitle": return predicate { PyCase.isTitle(s) }
        case "center", "ljust", "rjust":
            return { call, _ in try justify(s, call) }
        case "zfill":
            return { call, _ in .string(zfill(s, width: try PyIndex.integer(try call.single()))) }
        case "expandtabs":
            return { call, _ in
                let tabsize = try call.optionalKeywords(["tabsize"])[0]
                return .string(expandTabs(s, tabsize: try tabsize.map(PyIndex.integer) ?? 8))
            }
        case "join":
            return { call, context in try join(s, try call.single(), context) }
        case "format":
            return { call, context in .string(try PyFormat.format(s, call.arguments, context)) }
        case "format_map":
            return { call, context in
                // Jinja2's sandbox wraps format_map in its own formatter, with these checks.
                if !call.arguments.keywords.isEmpty {
                    throw RuntimeFailure.type("format_map() takes no keyword arguments")
                }
                guard call.arguments.positional.count == 1 else {
                    throw RuntimeFailure.type(
                        "format_map() takes exactly one argument (\(call.arguments.positional.count) given)")
                }
                return .string(try PyFormat.formatMap(s, call.arguments.positional[0], context))
            }
        default:
            return nil
        }
    }

    private static func transform(_ body: @escaping () -> String) -> Body {
        { call, _ in
            try call.noArguments()
            return .string(body())
        }
    }

    private static func predicate(_ body: @escaping () -> Bool) -> Body {
        { call, _ in
            try call.noArguments()
            return .bool(body())
        }
    }

    /// Python's character predicates are false for the empty string.
    private static func allScalars(_ s: String, _ test: (Unicode.Scalar) -> Bool) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy(test)
    }

    private static func isIdentifier(_ s: String) -> Bool {
        var scalars = s.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first == "_" || first.properties.isXIDStart else { return false }
        while let scalar = scalars.next() {
            if !scalar.properties.isXIDContinue { return false }
        }
        return true
    }

    /// `center`, `ljust` and `rjust`, which share their argument handling.
    private static func justify(_ s: String, _ call: MethodCall) throws -> Value {
        let arguments = try call.positional(min: 1, max: 2)
        let width = try PyIndex.integer(arguments[0])
        var fill: Unicode.Scalar = " "
        if arguments.count == 2 {
            guard case .string(let text) = arguments[1] else {
                throw RuntimeFailure.type(
                    "The fill character must be a unicode character, not \(arguments[1].typeName)")
            }
            var scalars = text.unicodeScalars.makeIterator()
            guard let only = scalars.next(), scalars.next() == nil else {
                throw RuntimeFailure.type("The fill character must be exactly one character long")
            }
            fill = only
        }
        let length = s.unicodeScalars.count
        guard width > length else { return .string(s) }
        let margin = width - length
        let left: Int
        switch call.name {
        case "ljust": left = 0
        case "rjust": left = margin
        // CPython's `pad` centring: the odd space goes left only when the width is odd too.
        default: left = margin / 2 + (margin & width & 1)
        }
        let fillText = String(Character(fill))
        return .string(
            String(repeating: fillText, count: left) + s + String(repeating: fillText, count: margin - left))
    }

    /// `str.zfill`: zeros go after a leading sign.
    static func zfill(_ s: String, width: Int) -> String {
        let length = s.unicodeScalars.count
        guard width > length else { return s }
        let zeros = String(repeating: "0", count: width - length)
        if let first = s.unicodeScalars.first, first == "+" || first == "-" {
            return String(first) + zeros + String(s.unicodeScalars.dropFirst())
        }
        return zeros + s
    }

    /// `str.expandtabs`: columns restart after `\n` and `\r`.
    static func expandTabs(_ s: String, tabsize: Int) -> String {
        var out = String.UnicodeScalarView()
        var column = 0
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\t":
                if tabsize > 0 {
                    let spaces = tabsize - column % tabsize
                    out.append(contentsOf: repeatElement(" ", count: spaces))
                    column += spaces
                }
            case "\n", "\r":
                out.append(scalar)
                column = 0
            default:
                out.append(scalar)
                column += 1
            }
        }
        return String(out)
    }

    private static func join(_ separator: String, _ iterable: Value, _ context: CallContext) throws -> Value {
        let items: [Value]
        do {
            items = try iterable.iterate(context)
        } catch RuntimeFailure.type {
            throw RuntimeFailure.type("can only join an iterable")
        }
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw RuntimeFailure.type(
                    "sequence item \(index): expected str instance, \(item.typeName) found")
            }
            parts.append(text)
        }
        return .string(parts.joined(separator: separator))
    }
}
