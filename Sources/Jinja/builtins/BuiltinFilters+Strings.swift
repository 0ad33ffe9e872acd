/// Filters that turn a value into text: case, padding, escaping, replacing and trimming.
extension BuiltinFilters {
    /// Upper-cases the first character and lower-cases the rest, as Python's `str.capitalize`.
    ///
    ///     {{ 'hello WORLD' | capitalize }}  →  Hello world
    static func capitalize(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_capitalize")
        return .string(PyCase.capitalize(try BuiltinSupport.string(value, context)))
    }

    /// Centres the text in a field of `width` characters.
    ///
    ///     {{ 'ab' | center(6) }}  →  "  ab  "
    static func center(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["width"], ["width": .int(80)], "do_center")
        let width = try BuiltinSupport.integer(bound["width"])
        return .string(PyText.center(try BuiltinSupport.string(value, context), width))
    }

    /// HTML-escapes `& < > " '`. There is no `Markup` type, so an escaped string escapes again.
    ///
    ///     {{ '<b>' | e }}  →  &lt;b&gt;
    static func escape(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "escape")
        return .string(PyText.htmlEscape(try BuiltinSupport.string(value, context)))
    }

    /// HTML-escapes the value even if it is already markup.
    ///
    ///     {{ '<b>' | forceescape }}  →  &lt;b&gt;
    static func forceescape(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_forceescape")
        return .string(PyText.htmlEscape(try BuiltinSupport.string(value, context)))
    }

    /// Marks the value safe for autoescaping; with autoescaping off it is returned unchanged.
    ///
    ///     {{ '<b>' | safe }}  →  <b>
    static func safe(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_mark_safe")
        // Jinja2 returns `Markup(value)`, a str; non-strings become their `str()`.
        if case .string = value { return value }
        return .string(try BuiltinSupport.string(value, context))
    }

    /// Python's `%` formatting with the arguments as the tuple (or keyword dict) of values.
    ///
    ///     {{ '%s-%03d' | format('a', 7) }}  →  a-007
    static func format(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        if !arguments.positional.isEmpty && !arguments.keywords.isEmpty {
            throw RuntimeFailure.type("can't handle positional and keyword arguments at the same time")
        }
        let values: Value
        if arguments.keywords.isEmpty {
            values = .tuple(arguments.positional)
        } else {
            values = .dict(arguments.keywords.map { ($0.name, $0.value) })
        }
        return .string(try PyFormat.percent(try BuiltinSupport.string(value, context), values))
    }

    /// Indents every line but the first by `width` spaces (or by the string `width`); `first`
    /// indents the first line too and `blank` indents empty lines.
    ///
    ///     {{ 'a\nb' | indent(2) }}  →  "a\n  b"
    static func indent(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["width", "first", "blank"],
            ["width": .int(4), "first": .bool(false), "blank": .bool(false)], "do_indent")
        try BuiltinSupport.rejectUndefined(value)
        guard case .string(let text) = value else {
            // Jinja2 runs `s += "\n"`, which only a str survives.
            throw RuntimeFailure.type("unsupported operand type(s) for +=: '\(value.typeName)' and 'str'")
        }
        let indention: String
        if case .string(let prefix) = bound["width"] {
            indention = prefix
        } else {
            indention = String(
                repeating: " ", count: Swift.max(0, try BuiltinSupport.integer(bound["width"])))
        }
        // Jinja2 appends a newline so that `splitlines` keeps a trailing empty line.
        var lines = PyText.splitLines(text + "\n", keepends: false)
        var result: String
        if bound["blank"].isTruthy {
            result = lines.joined(separator: "\n" + indention)
        } else {
            result = lines.isEmpty ? "" : lines.removeFirst()
            if !lines.isEmpty {
                result += "\n" + lines.map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n")
            }
        }
        if bound["first"].isTruthy { result = indention + result }
        return .string(result)
    }

    /// Lower-cases the text.
    ///
    ///     {{ 'ABC' | lower }}  →  abc
    static func lower(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_lower")
        return .string(PyCase.lower(try BuiltinSupport.string(value, context)))
    }

    /// Upper-cases the text.
    ///
    ///     {{ 'abc' | upper }}  →  ABC
    static func upper(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_upper")
        return .string(PyCase.upper(try BuiltinSupport.string(value, context)))
    }

    /// Replaces occurrences of `old` with `new`, only the first `count` when given.
    ///
    ///     {{ 'aaa' | replace('a', 'b', 2) }}  →  bba
    static func replace(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["old", "new", "count"], ["count": .none], "do_replace")
        let count = bound["count"].isNone ? -1 : try BuiltinSupport.integer(bound["count"])
        return .string(
            PyText.replace(
                try BuiltinSupport.string(value, context), try BuiltinSupport.string(bound["old"], context),
                try BuiltinSupport.string(bound["new"], context), count: count))
    }

    /// Python's `str(value)`.
    ///
    ///     {{ [1, 'a'] | string }}  →  [1, 'a']
    static func string(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "soft_str")
        return .string(try BuiltinSupport.string(value, context))
    }

    /// Title-cases each word, where words start after whitespace, `-`, `(`, `{`, `[` or `<`;
    /// this is Jinja2's own rule, not Python's `str.title`.
    ///
    ///     {{ "o'neil-smith" | title }}  →  O'neil-Smith
    static func title(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_title")
        let text = try BuiltinSupport.string(value, context)
        // Jinja2 splits on `([-\s({\[<]+)` and applies `item[0].upper() + item[1:].lower()` to
        // every piece, separators included (which leaves them unchanged).
        let isSeparator: (Unicode.Scalar) -> Bool = {
            "-({[<".unicodeScalars.contains($0) || $0.isPythonSpace
        }
        var out = ""
        var piece = String.UnicodeScalarView()
        var pieceIsSeparator = false
        func flush() {
            guard let first = piece.first else { return }
            out +=
                PyCase.upper(String(first))
                + PyCase.lower(String(String.UnicodeScalarView(piece.dropFirst())))
            piece = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isSeparator(scalar) != pieceIsSeparator {
                flush()
                pieceIsSeparator.toggle()
            }
            piece.append(scalar)
        }
        flush()
        return .string(out)
    }

    /// Strips leading and trailing whitespace, or the given characters.
    ///
    ///     {{ '  x  ' | trim }}  →  x
    static func trim(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["chars"], ["chars": .none], "do_trim")
        let chars = bound["chars"].isNone ? nil : try BuiltinSupport.string(bound["chars"], context)
        return .string(PyText.strip(try BuiltinSupport.string(value, context), chars))
    }

    /// Shortens text longer than `length` (plus `leeway`, default 5) to end with `end`, at a word
    /// boundary unless `killwords`.
    ///
    ///     {{ 'foo bar baz qux' | truncate(9) }}  →  foo...
    static func truncate(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["length", "killwords", "end", "leeway"],
            ["length": .int(255), "killwords": .bool(false), "end": .string("..."), "leeway": .none],
            "do_truncate")
        let length = try BuiltinSupport.integer(bound["length"])
        let end = try BuiltinSupport.string(bound["end"], context)
        let leeway = bound["leeway"].isNone ? 5 : try BuiltinSupport.integer(bound["leeway"])
        let endLength = end.unicodeScalars.count
        guard length >= endLength else {
            throw RuntimeFailure.value("expected length >= \(endLength), got \(length)")
        }
        guard leeway >= 0 else { throw RuntimeFailure.value("expected leeway >= 0, got \(leeway)") }
        try BuiltinSupport.requireDefined(value, context)
        if value.isUndefined { return value }
        guard case .string(let text) = value else {
            // Jinja2 only measures the value first, so a short list or tuple comes back as is;
            // a long one fails where Python would (slicing works, `rsplit` does not).
            guard let count = value.length else {
                throw RuntimeFailure.type("object of type '\(value.typeName)' has no len()")
            }
            if count <= length + leeway { return value }
            throw RuntimeFailure.type("'\(value.typeName)' object has no attribute 'rsplit'")
        }
        let scalars = Array(text.unicodeScalars)
        if scalars.count <= length + leeway { return value }
        let kept = scalars[..<(length - endLength)]
        if bound["killwords"].isTruthy { return .string(PyText.string(kept) + end) }
        // `rsplit(" ", 1)[0]`: drop the last (possibly cut) word.
        let cut = kept.lastIndex(of: " ").map { kept[..<$0] } ?? kept
        return .string(PyText.string(cut) + end)
    }

    /// Counts the words (runs of letters, digits and underscores).
    ///
    ///     {{ 'one two, three' | wordcount }}  →  3
    static func wordcount(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_wordcount")
        var count = 0
        var inWord = false
        for scalar in try BuiltinSupport.string(value, context).unicodeScalars {
            let isWord = PyText.isWordCharacter(scalar)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return .int(count)
    }

    /// Formats a byte count for humans: decimal prefixes (`kB`, `MB`) or binary ones (`KiB`).
    ///
    ///     {{ 1500000 | filesizeformat }}  →  1.5 MB
    static func filesizeformat(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value
    {
        let bound = try bind(arguments, ["binary"], ["binary": .bool(false)], "do_filesizeformat")
        guard let bytes = try PyNumber.float(value) else {
            throw RuntimeFailure.type(
                "float() argument must be a string or a real number, not '\(value.typeName)'")
        }
        let binary = bound["binary"].isTruthy
        let base: Double = binary ? 1024 : 1000
        let prefixes =
            binary
            ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
            : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        if bytes == 1 { return .string("1 Byte") }
        if bytes < base {
            guard let whole = PyNumber.truncate(bytes) else {
                throw RuntimeFailure.value("cannot convert float NaN to integer")
            }
            return .string("\(whole.description) Bytes")
        }
        var unit = base
        for prefix in prefixes {
            unit *= base
            if bytes < unit || prefix == prefixes.last {
                return .string(PyNumber.fixed(base * bytes / unit, digits: 1) + " " + prefix)
            }
        }
        return .string("")
    }
}
