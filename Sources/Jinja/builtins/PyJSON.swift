import BigInt

/// Python's `json.dumps(value, sort_keys=True, indent=indent)` with its defaults
/// (`ensure_ascii=True`, `allow_nan=True`), as Jinja2's `tojson` calls it.
struct PyJSON {
    /// The text for one level of indentation; nil writes everything on one line.
    let indent: String?
    /// Jinja2's `tojson` sorts keys; dbt's `tojson` keeps insertion order unless asked.
    let sortKeys: Bool
    private var active: Set<ObjectIdentifier> = []

    init(indent: String?, sortKeys: Bool = true) {
        self.indent = indent
        self.sortKeys = sortKeys
    }

    /// Serialises `value`, raising Python's `TypeError` for what JSON cannot hold.
    static func dumps(_ value: Value, indent: String?, sortKeys: Bool = true) throws -> String {
        var encoder = PyJSON(indent: indent, sortKeys: sortKeys)
        var out = ""
        try encoder.write(value, level: 0, into: &out)
        return out
    }

    private mutating func write(_ value: Value, level: Int, into out: inout String) throws {
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .bigInt(let b): out += b.description
        case .float(let d): out += Self.float(d)
        case .string(let s): Self.writeString(s, into: &out)
        case .list(let list):
            try guardCycle(ObjectIdentifier(list)) { encoder in
                try encoder.writeArray(list.items, level: level, into: &out)
            }
        case .tuple(let items): try writeArray(items, level: level, into: &out)
        case .object(let group as GroupTuple): try writeArray(group.fields, level: level, into: &out)
        case .dict(let dict):
            try guardCycle(ObjectIdentifier(dict)) { encoder in
                try encoder.writeObject(dict, level: level, into: &out)
            }
        default:
            throw RuntimeFailure.type("Object of type \(value.typeName) is not JSON serializable")
        }
    }

    /// Python raises `ValueError: Circular reference detected` for a container inside itself.
    private mutating func guardCycle(_ id: ObjectIdentifier, _ body: (inout PyJSON) throws -> Void) throws {
        guard active.insert(id).inserted else { throw RuntimeFailure.value("Circular reference detected") }
        defer { active.remove(id) }
        try body(&self)
    }

    private func newline(_ level: Int) -> String {
        guard let indent else { return "" }
        return "\n" + String(repeating: indent, count: level)
    }

    private var itemSeparator: String { indent == nil ? ", " : "," }

    private mutating func writeArray(_ items: [Value], level: Int, into out: inout String) throws {
        guard !items.isEmpty else {
            out += "[]"
            return
        }
        out += "[" + newline(level + 1)
        for (position, item) in items.enumerated() {
            if position > 0 { out += itemSeparator + newline(level + 1) }
            try write(item, level: level + 1, into: &out)
        }
        out += newline(level) + "]"
    }

    private mutating func writeObject(_ dict: PyDict, level: Int, into out: inout String) throws {
        guard dict.count > 0 else {
            out += "{}"
            return
        }
        // `sort_keys=True` sorts the original keys, so mixed key types raise `TypeError`.
        let pairs =
            sortKeys
            ? try BuiltinSupport.mergeSort(dict.pairs) { later, earlier in
                try BuiltinSupport.order(later.0, earlier.0, "<") < 0
            } : dict.pairs
        out += "{" + newline(level + 1)
        for (position, (key, item)) in pairs.enumerated() {
            if position > 0 { out += itemSeparator + newline(level + 1) }
            Self.writeString(try Self.keyString(key), into: &out)
            out += ": "
            try write(item, level: level + 1, into: &out)
        }
        out += newline(level) + "}"
    }

    /// JSON object keys: strings as they are; numbers, booleans and None as their JSON text.
    private static func keyString(_ key: Value) throws -> String {
        switch key {
        case .string(let s): return s
        case .none: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .bigInt(let b): return b.description
        case .float(let d): return float(d)
        default: throw RuntimeFailure.type("keys must be str, int, float, bool or None, not \(key.typeName)")
        }
    }

    /// `float.__repr__`, with JavaScript's names for the non-finite values.
    private static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return pyFloatRepr(d)
    }

    /// A JSON string with `ensure_ascii`: everything outside printable ASCII becomes `\uXXXX`
    /// (astral characters as surrogate pairs).
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else {
                    for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
