import ProjectModel

/// Where the members of a JSON object go, in order: into a `JSONObject` (`JSONObjectBuilder`),
/// or straight into the bytes of an artifact (`JSONTextWriter`). A resource described once
/// against this protocol is built as a value where one is wanted (`ManifestWriter.document`,
/// tests) and written without building it where the artifact is large (a manifest's nodes: the
/// trees of tens of thousands of nodes were most of the cost of writing one).
///
/// Every key is added once: what a later duplicate should replace in place is merged first.
protocol JSONMemberWriter {
    mutating func member(_ key: String, _ value: JSONValue)
    /// A nested object whose members `body` adds.
    mutating func member(_ key: String, object body: (inout Self) -> Void)
    /// `.string(string)` (`null` when nil).
    mutating func member(_ key: String, string: String?)
    /// `.strings(strings)`.
    mutating func member(_ key: String, strings: [String])
    /// `value.json`.
    mutating func member(_ key: String, config value: ConfigValue)
    /// `value` as written already (`written` is `JSONValue.write`'s text of it): the same value
    /// in every member of a map (a manifest's `created_at`) is formatted once.
    mutating func member(_ key: String, _ value: JSONValue, written: [UInt8])
    /// The members of `shape`'s `fields` with their defaults.
    mutating func defaultMembers(of shape: ConfigShape, _ fields: Range<Int>)
}

extension JSONMemberWriter {
    mutating func member(_ key: String, string: String?) { member(key, .string(string)) }
    mutating func member(_ key: String, strings: [String]) { member(key, .strings(strings)) }
    mutating func member(_ key: String, config value: ConfigValue) { member(key, value.json) }
    mutating func member(_ key: String, _ value: JSONValue, written: [UInt8]) { member(key, value) }

    mutating func defaultMembers(of shape: ConfigShape, _ fields: Range<Int>) {
        for index in fields { member(shape.fields[index].name, shape.fields[index].defaultValue) }
    }

    /// Each member of `map`, as `map.json` has them.
    mutating func members(of map: ConfigMap) {
        for (key, value) in map { member(key, config: value) }
    }
}

/// Builds a `JSONObject`.
struct JSONObjectBuilder: JSONMemberWriter {
    private(set) var object = JSONObject()

    init(capacity: Int = 0) { object.reserveCapacity(capacity) }

    /// The object `body` builds.
    static func build(capacity: Int = 0, _ body: (inout JSONObjectBuilder) -> Void) -> JSONObject {
        var builder = JSONObjectBuilder(capacity: capacity)
        body(&builder)
        return builder.object
    }

    mutating func member(_ key: String, _ value: JSONValue) { object.appendNew(key, value) }

    mutating func member(_ key: String, object body: (inout JSONObjectBuilder) -> Void) {
        object.appendNew(key, .object(Self.build(body)))
    }
}

/// Writes an object's members as `JSONValue.write` writes the object they would build.
struct JSONTextWriter: JSONMemberWriter {
    var bytes: [UInt8]
    /// Whether the object being written has a member yet (the next one is preceded by `", "`).
    private var hasMembers = false

    init(bytes: [UInt8] = []) { self.bytes = bytes }

    /// Writes `{`, the members `body` adds, and `}`.
    mutating func object(_ body: (inout JSONTextWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = hasMembers
        hasMembers = false
        body(&self)
        hasMembers = outer
        bytes.append(UInt8(ascii: "}"))
    }

    /// `", "`, between the members of an object or the items of an array.
    private mutating func separator() {
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: " "))
    }

    private mutating func key(_ key: String) {
        if hasMembers { separator() }
        hasMembers = true
        JSONValue.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    mutating func member(_ key: String, _ value: JSONValue) {
        self.key(key)
        JSONValue.write(value, to: &bytes)
    }

    mutating func member(_ key: String, object body: (inout JSONTextWriter) -> Void) {
        self.key(key)
        object(body)
    }

    mutating func member(_ key: String, _ value: JSONValue, written: [UInt8]) {
        self.key(key)
        bytes.append(contentsOf: written)
    }

    /// Copied from the shape's defaults as written once.
    mutating func defaultMembers(of shape: ConfigShape, _ fields: Range<Int>) {
        if hasMembers { separator() }
        hasMembers = true
        let range = shape.defaultsRange(of: fields)
        shape.defaultsText.withUnsafeBufferPointer { bytes.append(contentsOf: $0[range]) }
    }

    mutating func member(_ key: String, string: String?) {
        self.key(key)
        if let string {
            JSONValue.writeString(string, to: &bytes)
        } else {
            bytes.append(literal: "null")
        }
    }

    mutating func member(_ key: String, strings: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (position, string) in strings.enumerated() {
            if position > 0 { separator() }
            JSONValue.writeString(string, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func member(_ key: String, config value: ConfigValue) {
        self.key(key)
        write(value)
    }

    private mutating func write(_ value: ConfigValue) {
        switch value {
        case .null: bytes.append(literal: "null")
        case .bool(let flag): bytes.append(literal: flag ? "true" : "false")
        case .int(let number): JSONValue.write(.int(number), to: &bytes)
        case .double(let number): JSONValue.write(.double(number), to: &bytes)
        case .string(let string): JSONValue.writeString(string, to: &bytes)
        case .list(let items):
            bytes.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { separator() }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .map(let map):
            object { $0.members(of: map) }
        }
    }
}
