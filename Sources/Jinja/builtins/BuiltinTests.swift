/// Jinja2 3.1's built-in tests (`jinja2.tests.TESTS`), used as `value is name(arguments)`.
enum BuiltinTests {
    static let all: [String: Test] = [
        "boolean": boolean,
        "callable": callable,
        "defined": defined,
        "divisibleby": divisibleby,
        "eq": equal, "equalto": equal, "==": equal,
        "escaped": escaped,
        "even": even,
        "false": isFalse,
        "filter": filter,
        "float": float,
        "ge": greaterOrEqual, ">=": greaterOrEqual,
        "gt": greater, "greaterthan": greater, ">": greater,
        "in": `in`,
        "integer": integer,
        "iterable": iterable,
        "le": lessOrEqual, "<=": lessOrEqual,
        "lower": lower,
        "lt": less, "lessthan": less, "<": less,
        "mapping": mapping,
        "ne": notEqual, "!=": notEqual,
        "none": none,
        "number": number,
        "odd": odd,
        "sameas": sameas,
        "sequence": sequence,
        "string": string,
        "test": test,
        "true": isTrue,
        "undefined": undefined,
        "upper": upper,
    ]

    /// The single argument some tests take (`divisibleby(3)`, `sameas(x)`, `eq(x)`).
    private static func other(_ arguments: Arguments, _ name: String, _ function: String) throws -> Value {
        if arguments.isEmpty {
            throw RuntimeFailure.type("\(function)() missing 1 required positional argument: '\(name)'")
        }
        return try arguments.bind([name], function: function)[name]
    }

    private static func noArguments(_ arguments: Arguments, _ function: String) throws {
        _ = try arguments.bind([], function: function)
    }

    /// Whether the value is defined.
    ///
    ///     {% if user is defined %}...{% endif %}
    static func defined(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_defined")
        return !value.isUndefined
    }

    /// Whether the value is undefined.
    ///
    ///     {{ missing is undefined }}  →  True
    static func undefined(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_undefined")
        return value.isUndefined
    }

    /// Whether the value is None.
    ///
    ///     {{ none is none }}  →  True
    static func none(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_none")
        return value.isNone
    }

    /// Whether the value is `True` or `False` (not 1 or 0).
    ///
    ///     {{ true is boolean }}  →  True
    static func boolean(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_boolean")
        if case .bool = value { return true }
        return false
    }

    /// Whether the value is `True` itself.
    ///
    ///     {{ 1 is true }}  →  False
    static func isTrue(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_true")
        if case .bool(true) = value { return true }
        return false
    }

    /// Whether the value is `False` itself.
    ///
    ///     {{ 0 is false }}  →  False
    static func isFalse(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_false")
        if case .bool(false) = value { return true }
        return false
    }

    /// Whether the value is an int (booleans excluded).
    ///
    ///     {{ 3 is integer }}  →  True
    static func integer(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_integer")
        switch value {
        case .int, .bigInt: return true
        default: return false
        }
    }

    /// Whether the value is a float.
    ///
    ///     {{ 3.0 is float }}  →  True
    static func float(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_float")
        if case .float = value { return true }
        return false
    }

    /// Whether the value is a number: an int, a float or a boolean.
    ///
    ///     {{ true is number }}  →  True
    static func number(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_number")
        return value.numeric != nil
    }

    /// Whether the value is a string.
    ///
    ///     {{ 'a' is string }}  →  True
    static func string(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_string")
        if case .string = value { return true }
        return false
    }

    /// Whether the value is a dict.
    ///
    ///     {{ {} is mapping }}  →  True
    static func mapping(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_mapping")
        switch value {
        case .dict: return true
        case .object(let object): return object.isMapping
        default: return false
        }
    }

    /// Whether the value has a length and items: strings, lists, tuples, dicts (not generators).
    ///
    ///     {{ 'abc' is sequence }}  →  True
    static func sequence(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_sequence")
        switch value {
        case .string, .list, .tuple, .dict: return true
        // An undefined has `__len__` and `__getitem__`, so Jinja2 calls it a sequence, unless
        // it is strict and `len()` fails.
        case .undefined: return context.environment.undefinedBehavior != .strict
        case .object(let object): return object.length != nil
        default: return false
        }
    }

    /// Whether the value can be iterated.
    ///
    ///     {{ [] is iterable }}  →  True
    static func iterable(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_iterable")
        // A strict undefined fails `iter()` with an error the test does not catch.
        try BuiltinSupport.requireDefined(value, context)
        switch value {
        case .string, .list, .tuple, .dict, .undefined: return true
        case .object(let object):
            if object is PyIterator || object is GroupTuple || object.length != nil { return true }
            // Asking a host object for its items is the only way to learn whether it has any.
            return (try? object.iterate(context)) != nil
        default: return false
        }
    }

    /// Whether the value can be called: functions, macros and callable objects.
    ///
    ///     {{ range is callable }}  →  True
    static func callable(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "callable")
        switch value {
        // Jinja2's `Undefined` defines `__call__` (to fail), so Python calls it callable.
        case .callable, .undefined: return true
        case .object(let object): return object is PyCallableObject
        default: return false
        }
    }

    /// Whether the value is markup that escaping leaves alone; there is no `Markup` type here.
    ///
    ///     {{ 'a' is escaped }}  →  False
    static func escaped(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_escaped")
        return false
    }

    /// Whether a filter of that name exists.
    ///
    ///     {{ 'upper' is filter }}  →  True
    static func filter(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_filter")
        guard case .string(let name) = value else { return false }
        return context.environment.filters[name] != nil
    }

    /// Whether a test of that name exists.
    ///
    ///     {{ 'odd' is test }}  →  True
    static func test(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_test")
        guard case .string(let name) = value else { return false }
        return context.environment.tests[name] != nil
    }

    /// Whether the string has cased characters and all of them are lower case.
    ///
    ///     {{ 'abc1' is lower }}  →  True
    static func lower(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_lower")
        return isCased(try BuiltinSupport.string(value, context), upper: false)
    }

    /// Whether the string has cased characters and all of them are upper case.
    ///
    ///     {{ 'ABC' is upper }}  →  True
    static func upper(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_upper")
        return isCased(try BuiltinSupport.string(value, context), upper: true)
    }

    /// Python's `str.islower()` / `str.isupper()`: at least one cased character, and no cased
    /// character of the other case (title-case letters count as neither).
    private static func isCased(_ s: String, upper: Bool) -> Bool {
        var sawCased = false
        for scalar in s.unicodeScalars {
            let properties = scalar.properties
            if properties.isLowercase {
                if upper { return false }
                sawCased = true
            } else if properties.isUppercase || properties.generalCategory == .titlecaseLetter {
                if !upper || properties.generalCategory == .titlecaseLetter { return false }
                sawCased = true
            }
        }
        return sawCased
    }

    /// Whether the number is odd.
    ///
    ///     {{ 3 is odd }}  →  True
    static func odd(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_odd")
        return try remainder(value, .int(2)).pyEquals(.int(1))
    }

    /// Whether the number is even.
    ///
    ///     {{ 4 is even }}  →  True
    static func even(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try noArguments(arguments, "test_even")
        return try remainder(value, .int(2)).pyEquals(.int(0))
    }

    /// Whether the number divides by `num` without remainder.
    ///
    ///     {{ 9 is divisibleby 3 }}  →  True
    static func divisibleby(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        let divisor = try other(arguments, "num", "test_divisibleby")
        return try remainder(value, divisor).pyEquals(.int(0))
    }

    private static func remainder(_ value: Value, _ divisor: Value) throws -> Value {
        try Operators.binary(.modulo, value, divisor)
    }

    /// Whether the value is in the container (`in` as a test).
    ///
    ///     {{ 2 is in [1, 2] }}  →  True
    static func `in`(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        let container = try other(arguments, "seq", "test_in")
        return try Operators.compare(.`in`, value, container, context)
    }

    /// Python's `is`: the same object for lists, dicts and objects; for immutable values the
    /// same kind and value (so `1 is sameas true` is false).
    ///
    ///     {{ none is sameas none }}  →  True
    static func sameas(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        let other = try other(arguments, "other", "test_sameas")
        switch (value, other) {
        case (.none, .none), (.undefined, .undefined): return true
        case (.bool(let a), .bool(let b)): return a == b
        // CPython caches small ints, so equal ones in that range are the same object.
        case (.int(let a), .int(let b)): return a == b && (-5...256).contains(a)
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a === b
        case (.dict(let a), .dict(let b)): return a === b
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    /// `==` as a test.
    ///
    ///     {{ 1 is eq 1.0 }}  →  True
    static func equal(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try compare(.equal, value, arguments, context)
    }

    /// `!=` as a test.
    ///
    ///     {{ 1 is ne 2 }}  →  True
    static func notEqual(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try compare(.notEqual, value, arguments, context)
    }

    /// `<` as a test.
    ///
    ///     {{ 1 is lt 2 }}  →  True
    static func less(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try compare(.less, value, arguments, context)
    }

    /// `<=` as a test.
    ///
    ///     {{ 2 is le 2 }}  →  True
    static func lessOrEqual(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try compare(.lessEqual, value, arguments, context)
    }

    /// `>` as a test.
    ///
    ///     {{ 3 is gt 2 }}  →  True
    static func greater(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool {
        try compare(.greater, value, arguments, context)
    }

    /// `>=` as a test.
    ///
    ///     {{ 2 is ge 2 }}  →  True
    static func greaterOrEqual(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Bool
    {
        try compare(.greaterEqual, value, arguments, context)
    }

    private static func compare(
        _ op: CompareOperator, _ value: Value, _ arguments: Arguments, _ context: CallContext
    ) throws -> Bool {
        // `operator.eq(a, b)` and friends: both operands positional.
        guard arguments.keywords.isEmpty, arguments.positional.count == 1 else {
            let name =
                ["==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"][op.rawValue]
                ?? op.rawValue
            throw RuntimeFailure.type(
                "\(name) expected 2 arguments, got \(arguments.positional.count + arguments.keywords.count + 1)"
            )
        }
        if op == .equal || op == .notEqual {
            // A strict undefined refuses `==` too; a lenient one equals only another undefined.
            try BuiltinSupport.requireDefined(value, context)
            try BuiltinSupport.requireDefined(arguments.positional[0], context)
        }
        return try Operators.compare(op, value, arguments.positional[0], context)
    }
}
