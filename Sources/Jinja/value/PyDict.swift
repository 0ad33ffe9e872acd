import BigInt

/// A Python dict: insertion-ordered, keyed by Python equality (`1`, `1.0` and `True` are one key).
public final class PyDict {
    public private(set) var keys: [Value] = []
    private var values: [Value] = []
    private var index: [HashKey: Int] = [:]

    public init() {}

    /// An empty dict with room for `capacity` entries.
    public init(capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
    }

    public init(_ pairs: [(Value, Value)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }

    public var pairs: [(Value, Value)] { Array(zip(keys, values)) }

    public var valuesInOrder: [Value] { values }

    public subscript(key: Value) -> Value? {
        get {
            guard let hash = HashKey(key), let position = index[hash] else { return nil }
            return values[position]
        }
        set {
            guard let hash = HashKey(key) else { return }
            if let newValue {
                if let position = index[hash] {
                    values[position] = newValue
                } else {
                    index[hash] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else if let position = index[hash] {
                keys.remove(at: position)
                values.remove(at: position)
                index[hash] = nil
                for (other, otherPosition) in index where otherPosition > position {
                    index[other] = otherPosition - 1
                }
            }
        }
    }

    public subscript(string key: String) -> Value? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    public func contains(_ key: Value) -> Bool {
        guard let hash = HashKey(key) else { return false }
        return index[hash] != nil
    }

    public func removeAll() {
        keys = []
        values = []
        index = [:]
    }

    public func copy() -> PyDict {
        let copy = PyDict()
        copy.keys = keys
        copy.values = values
        copy.index = index
        return copy
    }
}

/// The hashable identity of a Python value used as a dict key or in a set.
public enum HashKey: Hashable, Sendable {
    case none
    case int(BigInt)
    case float(Double)
    case string(String)
    case tuple([HashKey])
    /// A hashable host object: its type and `JinjaObject.hashKey`.
    case object(type: String, key: String)

    /// `nil` for unhashable values (lists, dicts), as Python raises `TypeError` for them.
    public init?(_ value: Value) {
        switch value {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(BigInt(i))
        case .bigInt(let b): self = .int(b)
        case .float(let d):
            if d.isFinite, d == d.rounded(), let exact = BigInt(exactly: d) {
                self = .int(exact)
            } else {
                self = .float(d)
            }
        case .string(let s): self = .string(s)
        case .tuple(let items):
            var keys: [HashKey] = []
            for item in items {
                guard let key = HashKey(item) else { return nil }
                keys.append(key)
            }
            self = .tuple(keys)
        case .object(let object):
            guard let key = object.hashKey else { return nil }
            self = .object(type: object.typeName, key: key)
        case .undefined, .list, .dict, .callable: return nil
        }
    }
}
