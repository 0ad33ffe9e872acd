import BigInt

/// A Jinja value, modelled on the Python object it stands for in Jinja2.
///
/// Lists, dicts and macros are reference types because Python shares them by reference:
/// `{% set b = a %}{% do b.append(1) %}` changes `a` too. Everything else is a value.
public enum Value: @unchecked Sendable {
    /// A name or attribute that does not exist; renders empty unless the environment is strict.
    case undefined(Undefined)
    case none
    case bool(Bool)
    /// A Python int that fits in 64 bits; larger ones are `bigInt` (always normalised back).
    case int(Int)
    case bigInt(BigInt)
    case float(Double)
    case string(String)
    case list(PyList)
    case tuple([Value])
    case dict(PyDict)
    /// Something callable: a built-in or host function, a macro, `caller`.
    case callable(Callable)
    /// A host object with attributes, items, iteration or a call (a `loop`, an agate table, ...).
    case object(any JinjaObject)

    public static let emptyString = Value.string("")

    /// Wraps a Swift array as a new Python list.
    public static func list(_ items: [Value]) -> Value { .list(PyList(items)) }

    /// Wraps ordered pairs as a new Python dict.
    public static func dict(_ pairs: [(String, Value)]) -> Value {
        let dict = PyDict(capacity: pairs.count)
        for (key, value) in pairs { dict[.string(key)] = value }
        return .dict(dict)
    }

    /// Normalises a big integer to `.int` when it fits.
    public static func integer(_ value: BigInt) -> Value {
        if let small = Int(exactly: value) { return .int(small) }
        return .bigInt(value)
    }

    public var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// Where an undefined value came from, so that using it later can say what was missing.
public struct Undefined: Sendable {
    public enum Origin: Sendable {
        /// A name that no scope defines.
        case name(String)
        /// An attribute or item that an existing object does not have.
        case attribute(owner: String, name: String)
        /// An item lookup with a non-string key.
        case element(owner: String, key: String)
        /// An explicit message (for example a host's own hint).
        case hint(String)
    }

    public var origin: Origin

    public init(_ origin: Origin) { self.origin = origin }

    /// Jinja2's `UndefinedError` message for this value.
    public var message: String {
        switch origin {
        case .name(let name): return "'\(name)' is undefined"
        case .attribute(let owner, let name): return "'\(owner)' has no attribute '\(name)'"
        case .element(let owner, let key): return "'\(owner)' object has no element \(key)"
        case .hint(let hint): return hint
        }
    }
}

/// A Python list: mutable and shared by reference.
public final class PyList {
    public var items: [Value]

    public init(_ items: [Value] = []) { self.items = items }
}
