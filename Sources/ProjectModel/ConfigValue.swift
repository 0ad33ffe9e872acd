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
///
/// Keys and values are kept in order in two arrays: a node's config is iterated and merged far
/// more often than a key is removed, and iterating the arrays needs no hashing. A small map (most
/// configs, test arguments, `meta`) finds a key by comparing it with each; a larger one also keeps
/// each key's position in a dictionary.
public struct ConfigMap: Sendable, Hashable, Sequence {
    public private(set) var keys: [String] = []
    private var values: [ConfigValue] = []
    /// Each key's position, kept only past `linearSearchLimit` keys.
    private var positions: [String: Int] = [:]

    /// Up to this many keys, comparing a key with each is cheaper than hashing it.
    private static let linearSearchLimit = 8

    public init() {}

    public init(_ pairs: [(String, ConfigValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    private func position(of key: String) -> Int? {
        keys.count <= Self.linearSearchLimit ? keys.firstIndex(of: key) : positions[key]
    }

    public subscript(key: String) -> ConfigValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    keys.append(key)
                    values.append(newValue)
                    if keys.count == Self.linearSearchLimit + 1 {
                        indexPositions(from: 0)  // the map has outgrown comparing
                    } else if keys.count > Self.linearSearchLimit {
                        positions[key] = keys.count - 1
                    }
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                if keys.count > Self.linearSearchLimit {
                    positions[key] = nil
                    indexPositions(from: position)
                } else {
                    positions = [:]
                }
            }
        }
    }

    /// Records the positions of the keys from `start` on.
    private mutating func indexPositions(from start: Int) {
        for index in start..<keys.count { positions[keys[index]] = index }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    public struct Iterator: IteratorProtocol {
        fileprivate let keys: [String]
        fileprivate let values: [ConfigValue]
        fileprivate var index = 0

        public mutating func next() -> (key: String, value: ConfigValue)? {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], values[index])
        }
    }

    public func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    public static func == (lhs: ConfigMap, rhs: ConfigMap) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
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
