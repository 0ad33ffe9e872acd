import Jinja

/// Binds a call's arguments as CPython's C functions do (`PyArg_ParseTupleAndKeywords`), with
/// their wording: `function missing required argument 'day' (pos 3)`.
struct CArguments {
    private let values: [Value?]
    private let names: [String]

    /// - Parameters:
    ///   - names: parameter names in order.
    ///   - required: how many leading parameters have no default.
    ///   - positionalOnly: how many leading parameters cannot be passed by keyword.
    ///   - function: the name CPython's format string gives (`isoformat`), or nil for `function`.
    init(
        _ arguments: Arguments, _ names: [String], required: Int = 0, positionalOnly: Int = 0,
        function: String? = nil
    ) throws {
        let callee = function.map { "\($0)()" } ?? "function"
        let given = arguments.positional.count + arguments.keywords.count
        if given > names.count {
            throw RuntimeFailure.type(
                "\(callee) takes at most \(names.count) argument\(names.count == 1 ? "" : "s") (\(given) given)"
            )
        }
        var values: [Value?] = []
        for (position, name) in names.enumerated() {
            let keyword = position < positionalOnly ? nil : arguments.keyword(name)
            if position < arguments.positional.count {
                if keyword != nil {
                    throw RuntimeFailure.type(
                        "argument for \(callee) given by name ('\(name)') and position (\(position + 1))")
                }
                values.append(arguments.positional[position])
            } else if let keyword {
                values.append(keyword)
            } else if position < required {
                throw RuntimeFailure.type(
                    "\(callee) missing required argument '\(name)' (pos \(position + 1))")
            } else {
                values.append(nil)
            }
        }
        for (name, _) in arguments.keywords {
            guard let position = names.firstIndex(of: name), position >= positionalOnly else {
                throw RuntimeFailure.type(
                    "'\(name)' is an invalid keyword argument for \(function.map { "\($0)()" } ?? "this function")"
                )
            }
        }
        self.values = values
        self.names = names
    }

    /// The argument at `position`, nil when the caller passed nothing (or `None` when `noneIsAbsent`).
    subscript(_ position: Int) -> Value? { values[position] }

    subscript(_ name: String) -> Value? {
        guard let position = names.firstIndex(of: name) else { return nil }
        return values[position]
    }
}
