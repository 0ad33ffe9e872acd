/// A JSON document as the artifacts are built: objects keep their keys in insertion order, as
/// Python dicts do, so that what is written is exactly what was built, in that order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// Written as Python's `repr(float)`; NaN and infinities as Python's `json` writes them.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// `value[key]` of an object, `nil` for anything else.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// `.string` or `.null`.
    public static func string(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }

    /// An array of strings.
    public static func strings(_ strings: [String]) -> JSONValue { .array(strings.map(JSONValue.string)) }
}

/// A JSON object whose keys stay in insertion order. Setting an existing key replaces its value
/// in place, as assigning to a Python dict does.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The members in order.
    private var members: [(key: String, value: JSONValue)] = []
    /// Each key's position, kept only for large objects: most objects have a few dozen keys,
    /// where a scan is cheaper than hashing (the writer builds hundreds of thousands of them, nodes
    /// with some fifty keys among them).
    private var index: [String: Int]?
    private static let indexThreshold = 64

    public init() {}

    public init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    if index != nil { rebuildIndex() }
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// Adds a member whose key the caller knows is not there yet (a shape's fields, a map's
    /// keys), without looking for it: config objects are built by the hundred thousand.
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        assert(position(of: key) == nil, "appendNew: '\(key)' is already a member")
        members.append((key, value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

    /// An object of members whose keys the caller knows are distinct (a map's), indexed once.
    init(distinctMembers: [(key: String, value: JSONValue)]) {
        members = distinctMembers
        if members.count > Self.indexThreshold { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        for (offset, member) in members.enumerated() { positions[member.key] = offset }
        index = positions
    }

    public var keys: [String] { members.map(\.key) }
    /// The member at `position` in insertion order.
    func member(at position: Int) -> (key: String, value: JSONValue) { members[position] }
    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
