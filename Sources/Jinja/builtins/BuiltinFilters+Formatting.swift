/// Filters that lay a value out as text: JSON, `pprint` and word wrapping.
extension BuiltinFilters {
    /// JSON with sorted keys, `<`, `>`, `&` and `'` written as `\u` escapes so the result is
    /// safe inside HTML; `indent` pretty-prints.
    ///
    ///     {{ {'b': 1, 'a': '<'} | tojson }}  →  {"a": "\u003c", "b": 1}
    static func tojson(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["indent"], ["indent": .none], "do_tojson")
        let indent: String?
        switch bound["indent"] {
        case .none: indent = nil
        case .string(let s): indent = s
        default:
            indent = String(repeating: " ", count: Swift.max(0, try BuiltinSupport.integer(bound["indent"])))
        }
        var json = try PyJSON.dumps(value, indent: indent)
        for (character, escape) in [("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")] {
            json = PyText.replace(json, character, escape, count: -1)
        }
        return .string(json)
    }

    /// Python's `pprint.pformat`: the repr with dict keys sorted, wrapped at 80 columns.
    ///
    ///     {{ {'b': 1, 'a': 2} | pprint }}  →  {'a': 2, 'b': 1}
    static func pprint(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_pprint")
        return .string(PyPrettyPrinter.format(value))
    }

    /// Wraps each paragraph (line) of the text at `width` columns with Python's `textwrap`,
    /// joining the lines with `wrapstring` (default a newline).
    ///
    ///     {{ 'aaa bbb ccc' | wordwrap(7) }}  →  "aaa bbb\nccc"
    static func wordwrap(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["width", "break_long_words", "wrapstring", "break_on_hyphens"],
            [
                "width": .int(79), "break_long_words": .bool(true), "wrapstring": .none,
                "break_on_hyphens": .bool(true),
            ],
            "do_wordwrap")
        try BuiltinSupport.rejectUndefined(value)
        guard case .string(let text) = value else {
            throw RuntimeFailure.type("'\(value.typeName)' object has no attribute 'splitlines'")
        }
        let wrapstring =
            bound["wrapstring"].isNone ? "\n" : try BuiltinSupport.string(bound["wrapstring"], context)
        let wrapper = TextWrapper(
            width: try BuiltinSupport.integer(bound["width"]),
            breakLongWords: bound["break_long_words"].isTruthy,
            breakOnHyphens: bound["break_on_hyphens"].isTruthy)
        let paragraphs = try PyText.splitLines(text, keepends: false).map {
            try wrapper.wrap($0).joined(separator: wrapstring)
        }
        return .string(paragraphs.joined(separator: wrapstring))
    }
}
