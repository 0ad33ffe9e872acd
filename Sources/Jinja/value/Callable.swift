/// The arguments of one call: positional values, then keyword values in the order written.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]

    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public var isEmpty: Bool { positional.isEmpty && keywords.isEmpty }

    public func keyword(_ name: String) -> Value? {
        keywords.first { $0.name == name }?.value
    }

    /// Binds the arguments to named parameters the way Python does for a signature with
    /// defaults, and reports an unexpected keyword or a surplus positional as a `TypeError`.
    ///
    /// - Parameters:
    ///   - names: parameter names in order.
    ///   - defaults: values for the trailing optional parameters, by name (pairs, not a
    ///     dictionary: a literal dictionary would be built and hashed at every call).
    ///   - function: the callee's name, for error messages.
    ///   - acceptsExtraKeywords: whether surplus keywords are returned instead of rejected.
    public func bind(
        _ names: [String], defaults: KeyValuePairs<String, Value> = [:], function: String,
        acceptsExtraKeywords: Bool = false
    ) throws -> BoundArguments {
        if positional.count > names.count {
            throw RuntimeFailure.type(
                "\(function)() takes \(names.count) positional argument\(names.count == 1 ? "" : "s") but \(positional.count) were given"
            )
        }
        var extra: [(name: String, value: Value)] = []
        for (name, value) in keywords {
            if let position = names.firstIndex(of: name) {
                if position < positional.count {
                    throw RuntimeFailure.type("\(function)() got multiple values for argument '\(name)'")
                }
            } else if acceptsExtraKeywords {
                extra.append((name, value))
            } else {
                throw RuntimeFailure.type("\(function)() got an unexpected keyword argument '\(name)'")
            }
        }
        // One array, filled in parameter order: this runs for every filter call.
        var values = positional
        values.reserveCapacity(names.count)
        for position in positional.count..<names.count {
            let name = names[position]
            if let keyword = keywords.first(where: { $0.name == name }) {
                values.append(keyword.value)
            } else if let fallback = defaults.first(where: { $0.key == name }) {
                values.append(fallback.value)
            } else {
                throw RuntimeFailure.type("\(function)() missing required argument: '\(name)'")
            }
        }
        return BoundArguments(names: names, values: values, extraKeywords: extra)
    }
}

/// Arguments matched to parameter names by `Arguments.bind`.
public struct BoundArguments {
    public let names: [String]
    public let values: [Value]
    public let extraKeywords: [(name: String, value: Value)]

    public subscript(_ name: String) -> Value {
        guard let position = names.firstIndex(of: name) else { return .none }
        return values[position]
    }

    public subscript(_ position: Int) -> Value { values[position] }
}

/// What a native function can do with the renderer that called it: call other values
/// (a macro returned by `adapter.dispatch`), look up filters and tests, read variables.
public protocol CallContext: AnyObject {
    var environment: Environment { get }
    /// Calls any callable value with the given arguments.
    func call(_ callee: Value, _ arguments: Arguments) throws -> Value
    /// Applies a filter by name, as `value | name(args)` would.
    func applyFilter(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Value
    /// Applies a test by name, as `value is name(args)` would.
    func applyTest(_ name: String, _ value: Value, _ arguments: Arguments) throws -> Bool
    /// Resolves a name as the template at the call site would see it.
    func resolve(_ name: String) -> Value
    /// Tells the render's `LookupObserver`, if it has one, that the render depended on `name`
    /// as if it had looked the name up: how a host function says what its answer came from.
    func observe(_ name: String)
    /// Renders another template with the calling render's variables and shared names (its
    /// globals, not its scopes) and observer: dbt's `get_rendered(text, context)` of a value
    /// read while rendering, such as a string var.
    func render(_ template: Template) throws -> String
}

/// A function implemented in Swift: a built-in global or one the host adds (`ref`, `var`, ...).
public typealias NativeFunction = (Arguments, CallContext) throws -> Value

/// Anything `()` can be applied to. Macros, `caller`, built-ins and host functions are callables.
public class Callable {
    public let name: String

    public init(name: String) { self.name = name }

    public func call(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        throw RuntimeFailure.type("'\(typeName)' object is not callable")
    }

    public var typeName: String { "function" }

    public var pyRepr: String { "<function \(name)>" }

    /// Attributes such as a macro's `name` or `arguments`; nil when absent.
    public func attribute(_ name: String) -> Value? { nil }
}

/// A callable backed by a Swift closure.
public final class NativeCallable: Callable {
    let body: NativeFunction

    public init(_ name: String, _ body: @escaping NativeFunction) {
        self.body = body
        super.init(name: name)
    }

    override public func call(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        try body(arguments, context)
    }

    override public var typeName: String { "builtin_function_or_method" }

    override public var pyRepr: String { "<built-in function \(name)>" }
}

extension Value {
    /// A value wrapping a Swift closure as a Jinja callable.
    public static func function(_ name: String, _ body: @escaping NativeFunction) -> Value {
        .callable(NativeCallable(name, body))
    }
}

/// A host object: anything with attributes, items, iteration or a call that Jinja code can use,
/// such as `loop`, `namespace()`, a dbt `Relation` or an agate-like table.
public protocol JinjaObject: AnyObject {
    /// Python's type name, for error messages (`'Relation object' has no attribute ...`).
    var typeName: String { get }
    /// `obj.name`; nil makes the lookup fall back to `obj[name]`, then undefined.
    func attribute(_ name: String, _ context: CallContext) throws -> Value?
    /// `obj[key]`; nil makes the lookup fall back to `obj.key` when the key is a string.
    func item(_ key: Value, _ context: CallContext) throws -> Value?
    /// `obj(...)`; nil means the object is not callable.
    func call(_ arguments: Arguments, _ context: CallContext) throws -> Value?
    /// The values `for x in obj` visits; nil means not iterable.
    func iterate(_ context: CallContext) throws -> [Value]?
    /// `set ns.attr = value` on namespaces; false when the object does not accept it.
    func setAttribute(_ name: String, _ value: Value) -> Bool
    var pyStr: String { get }
    var pyRepr: String { get }
    var isTruthy: Bool { get }
    /// `len(obj)`, when defined.
    var length: Int? { get }
    /// Whether the object is a Python `Mapping` (the `mapping` test): dbt's relations are.
    var isMapping: Bool { get }
    /// What the object hashes and compares equal by, when it is hashable (a dict key, a set
    /// member); nil where Python raises `unhashable type`.
    var hashKey: String? { get }
    /// Python's arithmetic operators (`__add__`, `__sub__`, ...) with this object on the left, or on
    /// the right when `reflected` (`__radd__`, ...); nil where the object does not define them.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value?
    /// Python's `==` against another value; nil compares by identity.
    func isEqual(to other: Value) -> Bool?
    /// Python's ordering against another value (negative, zero or positive); nil where Python
    /// raises `TypeError`.
    func compare(to other: Value) -> Int?
}

extension JinjaObject {
    public func attribute(_ name: String, _ context: CallContext) throws -> Value? { nil }
    public func item(_ key: Value, _ context: CallContext) throws -> Value? { nil }
    public func call(_ arguments: Arguments, _ context: CallContext) throws -> Value? { nil }
    public func iterate(_ context: CallContext) throws -> [Value]? { nil }
    public func setAttribute(_ name: String, _ value: Value) -> Bool { false }
    public var pyStr: String { pyRepr }
    public var pyRepr: String { "<\(typeName) object>" }
    public var isTruthy: Bool { true }
    public var length: Int? { nil }
    public var isMapping: Bool { false }
    public var hashKey: String? { nil }
    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        nil
    }
    public func isEqual(to other: Value) -> Bool? { nil }
    public func compare(to other: Value) -> Int? { nil }
}
