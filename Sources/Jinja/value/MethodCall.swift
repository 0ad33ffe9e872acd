/// One call of a built-in method, with Python's argument checks.
///
/// CPython's methods take their arguments through several calling conventions (`METH_NOARGS`,
/// `METH_O`, Argument Clinic, the older `PyArg_ParseTuple`), and each words a wrong call in its
/// own way: `str.upper() takes no arguments (1 given)` but `center expected at least 1
/// argument, got 0`. Each check here is named after the convention whose wording it copies.
struct MethodCall {
    let arguments: Arguments
    /// The receiver's type name, `str`, `list` or `dict`.
    let owner: String
    let name: String

    var qualifiedName: String { "\(owner).\(name)" }

    /// `METH_NOARGS`: `str.upper() takes no arguments (1 given)`.
    func noArguments() throws {
        try rejectKeywords()
        if !arguments.positional.isEmpty {
            throw RuntimeFailure.type(
                "\(qualifiedName)() takes no arguments (\(arguments.positional.count) given)")
        }
    }

    /// `METH_O`: `list.append() takes exactly one argument (0 given)`.
    func single() throws -> Value {
        try rejectKeywords()
        guard arguments.positional.count == 1 else {
            throw RuntimeFailure.type(
                "\(qualifiedName)() takes exactly one argument (\(arguments.positional.count) given)")
        }
        return arguments.positional[0]
    }

    /// Argument Clinic, positional only: `center expected at least 1 argument, got 0`.
    func positional(min: Int, max: Int) throws -> [Value] {
        try rejectKeywords()
        let count = arguments.positional.count
        if count < min || count > max {
            let bound = count < min ? min : max
            let qualifier = min == max ? "" : (count < min ? "at least " : "at most ")
            throw RuntimeFailure.type(
                "\(name) expected \(qualifier)\(bound) argument\(bound == 1 ? "" : "s"), got \(count)")
        }
        return arguments.positional
    }

    /// `PyArg_ParseTuple`, as `find` and `startswith` still use: `find() takes at least 1
    /// argument (0 given)`.
    func legacyPositional(min: Int, max: Int) throws -> [Value] {
        try rejectKeywords()
        let count = arguments.positional.count
        if count < min || count > max {
            let bound = count < min ? min : max
            throw RuntimeFailure.type(
                "\(name)() takes \(count < min ? "at least" : "at most") \(bound) argument\(bound == 1 ? "" : "s") (\(count) given)"
            )
        }
        return arguments.positional
    }

    /// Argument Clinic with keywords allowed, all parameters optional (`split(sep, maxsplit)`):
    /// one slot per name, nil where the caller passed nothing.
    func optionalKeywords(_ names: [String]) throws -> [Value?] {
        let positional = arguments.positional
        let total = positional.count + arguments.keywords.count
        if total > names.count {
            throw RuntimeFailure.type(
                "\(name)() takes at most \(names.count) argument\(names.count == 1 ? "" : "s") (\(total) given)"
            )
        }
        var values: [Value?] =
            positional.map { $0 } + Array(repeating: nil, count: names.count - positional.count)
        for (keyword, value) in arguments.keywords {
            guard let position = names.firstIndex(of: keyword) else {
                throw RuntimeFailure.type("'\(keyword)' is an invalid keyword argument for \(name)()")
            }
            if values[position] != nil {
                throw RuntimeFailure.type(
                    "argument for \(name)() given by name ('\(keyword)') and position (\(position + 1))")
            }
            values[position] = value
        }
        return values
    }

    private func rejectKeywords() throws {
        if !arguments.keywords.isEmpty {
            throw RuntimeFailure.type("\(qualifiedName)() takes no keyword arguments")
        }
    }
}
