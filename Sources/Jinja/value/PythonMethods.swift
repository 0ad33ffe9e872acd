/// Python's methods on `str`, `list`, `dict` (and `tuple.count/index`, `float.is_integer`),
/// reached as `value.name` from templates: `{{ s.upper() }}`, `{% do l.append(1) %}`.
///
/// Jinja2 evaluates these by calling the real Python methods, so each one here copies
/// CPython 3.11's result and its error messages. Strings are indexed by code point.
enum PythonMethods {
    /// The body of a bound method: the checked call and the renderer that made it.
    typealias Body = (MethodCall, CallContext) throws -> Value

    /// A bound method of `receiver` named `name`, or nil when its type has no such method.
    static func method(on receiver: Value, named name: String) -> Value? {
        let owner: String
        let body: Body?
        switch receiver {
        case .string(let s):
            owner = "str"
            body = strMethod(s, name) ?? strSearchMethod(s, name)
        case .list(let list):
            owner = "list"
            body = listMethod(list, name)
        case .tuple(let items):
            owner = "tuple"
            body = tupleMethod(items, name)
        case .dict(let dict):
            owner = "dict"
            body = dictMethod(dict, name)
        case .float(let d):
            owner = "float"
            body = floatMethod(d, name)
        default:
            return nil
        }
        guard let body else { return nil }
        return .function(name) { arguments, context in
            try body(MethodCall(arguments: arguments, owner: owner, name: name), context)
        }
    }

    /// `float.is_integer()`, the one numeric method templates use.
    static func floatMethod(_ d: Double, _ name: String) -> Body? {
        guard name == "is_integer" else { return nil }
        return { call, _ in
            try call.noArguments()
            return .bool(d.isFinite && d == d.rounded(.towardZero))
        }
    }
}
