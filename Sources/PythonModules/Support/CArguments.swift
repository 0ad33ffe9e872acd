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

/// Python's conversions of arguments, with the `TypeError`s CPython raises.
enum PyConvert {
    /// An `int` argument (`__index__`): bools count, floats and strings do not.
    static func int(_ value: Value) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw RuntimeFailure.value("Python int too large to convert to C long")
        default: throw RuntimeFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// A C `int` argument (`"i"` format): like `int`, but bounded to 32 bits.
    static func cInt(_ value: Value) throws -> Int {
        let result = try int(value)
        if result > Int(Int32.max) { throw RuntimeFailure.value("signed integer is greater than maximum") }
        if result < Int(Int32.min) { throw RuntimeFailure.value("signed integer is less than minimum") }
        return result
    }

    /// A `str` argument; `what` names it in the `TypeError` (`strptime() argument 1`).
    static func string(_ value: Value, _ what: String) throws -> String {
        guard case .string(let s) = value else {
            throw RuntimeFailure.type("\(what) must be str, not \(value.typeName)")
        }
        return s
    }

    /// A number as a float (`int` or `float`).
    static func double(_ value: Value) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .bigInt: return Double(value.pyRepr)
        default: return nil
        }
    }
}

extension Value {
    /// A host value wrapping a Swift closure; shorthand for methods of Python objects.
    static func method(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .function(name) { arguments, _ in try body(arguments) }
    }

    /// The Swift object behind a `.object` value, when it has the type asked for.
    func object<T>(_ type: T.Type) -> T? {
        if case .object(let object) = self { return object as? T }
        return nil
    }
}
