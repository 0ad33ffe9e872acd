/// A configuration value as YAML and Jinja produce it: dbt's configs, vars, meta and test
/// arguments are untyped trees, and the manifest records them as written.
public enum ConfigValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ConfigValue])
    case map(ConfigMap)

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var listValue: [ConfigValue]? {
        if case .list(let l) = self { return l }
        return nil
    }

    public var mapValue: ConfigMap? {
        if case .map(let m) = self { return m }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A string or a list of strings, as dbt accepts for `tags`, hooks and `unique_key`.
    public var stringList: [String]? {
        switch self {
        case .string(let s): return [s]
        case .list(let items):
            var strings: [String] = []
            for item in items {
                guard case .string(let s) = item else { return nil }
                strings.append(s)
            }
            return strings
        default: return nil
        }
    }

    /// Python's truthiness, which dbt applies to flags such as `enabled` and `quote`.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        }
    }
}

/// A string-keyed map that remembers insertion order, as Python dicts (and so dbt's manifest) do.
public struct ConfigMap: Sendable, Hashable, Sequence {
    public private(set) var keys: [String] = []
    private var storage: [String: ConfigValue] = [:]

    public init() {}

    public init(_ pairs: [(String, ConfigValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> ConfigValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    public func makeIterator() -> AnyIterator<(key: String, value: ConfigValue)> {
        var index = 0
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            let key = keys[index]
            return (key, storage[key] ?? .null)
        }
    }

    public static func == (lhs: ConfigMap, rhs: ConfigMap) -> Bool {
        lhs.keys == rhs.keys && lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        for key in keys { hasher.combine(storage[key]) }
    }
}

extension ConfigValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: ConfigValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, ConfigValue)...) { self = .map(ConfigMap(elements)) }
    public init(nilLiteral: ()) { self = .null }
}
