/// `dict` methods, which mutate the shared `PyDict` in place; `keys()`, `values()` and
/// `items()` return live views (`PyDictView`).
///
///     {% do d.update(x=1) %}{{ d.get('x') }} {{ d.get('y', 0) }}  →  1 0
extension PythonMethods {
    static func dictMethod(_ dict: PyDict, _ name: String) -> Body? {
        switch name {
        case "keys": return noArguments { .object(PyDictView(dict, .keys)) }
        case "values": return noArguments { .object(PyDictView(dict, .values)) }
        case "items": return noArguments { .object(PyDictView(dict, .items)) }
        case "copy": return noArguments { .dict(dict.copy()) }
        case "clear":
            return noArguments {
                dict.removeAll()
                return .none
            }
        case "get":
            return { call, _ in
                let arguments = try call.positional(min: 1, max: 2)
                try requireHashable(arguments[0])
                return dict[arguments[0]] ?? (arguments.count == 2 ? arguments[1] : .none)
            }
        case "setdefault":
            return { call, _ in
                let arguments = try call.positional(min: 1, max: 2)
                try requireHashable(arguments[0])
                if let existing = dict[arguments[0]] { return existing }
                let value = arguments.count == 2 ? arguments[1] : .none
                dict[arguments[0]] = value
                return value
            }
        case "pop":
            return { call, _ in
                let arguments = try call.positional(min: 1, max: 2)
                // CPython answers an empty dict before hashing the key.
                if dict.count > 0 { try requireHashable(arguments[0]) }
                if let value = dict[arguments[0]] {
                    dict[arguments[0]] = nil
                    return value
                }
                if arguments.count == 2 { return arguments[1] }
                throw RuntimeFailure.value(keyErrorMessage(arguments[0]))
            }
        case "popitem":
            return noArguments {
                guard let (key, value) = dict.pairs.last else {
                    throw RuntimeFailure.value(keyErrorMessage(.string("popitem(): dictionary is empty")))
                }
                dict[key] = nil
                return .tuple([key, value])
            }
        case "update":
            return { call, context in
                let arguments = call.arguments.positional
                if arguments.count > 1 {
                    throw RuntimeFailure.type("update expected at most 1 argument, got \(arguments.count)")
                }
                if let other = arguments.first { try update(dict, with: other, context) }
                for (key, value) in call.arguments.keywords { dict[string: key] = value }
                return .none
            }
        case "fromkeys":
            return { call, context in
                let arguments = try call.positional(min: 1, max: 2)
                let result = PyDict()
                for key in try arguments[0].iterate(context) {
                    try requireHashable(key)
                    result[key] = arguments.count == 2 ? arguments[1] : .none
                }
                return .dict(result)
            }
        default:
            return nil
        }
    }

    /// A method without arguments (`METH_NOARGS`).
    private static func noArguments(_ body: @escaping () throws -> Value) -> Body {
        { call, _ in
            try call.noArguments()
            return try body()
        }
    }

    /// Python's `KeyError` prints the repr of its key.
    static func keyErrorMessage(_ key: Value) -> String { key.pyRepr }

    private static func requireHashable(_ key: Value) throws {
        if HashKey(key) == nil { throw RuntimeFailure.type("unhashable type: '\(key.typeName)'") }
    }

    /// `dict.update(other)`: a dict, or an iterable of two-item iterables.
    private static func update(_ dict: PyDict, with other: Value, _ context: CallContext) throws {
        if case .dict(let source) = other {
            for (key, value) in source.pairs { dict[key] = value }
            return
        }
        for (index, element) in try other.iterate(context).enumerated() {
            let pair: [Value]
            do {
                pair = try element.iterate(context)
            } catch RuntimeFailure.type {
                throw RuntimeFailure.type(
                    "cannot convert dictionary update sequence element #\(index) to a sequence")
            }
            guard pair.count == 2 else {
                throw RuntimeFailure.value(
                    "dictionary update sequence element #\(index) has length \(pair.count); 2 is required")
            }
            try requireHashable(pair[0])
            dict[pair[0]] = pair[1]
        }
    }
}
