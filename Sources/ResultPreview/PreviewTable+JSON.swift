import PythonRepr

extension PreviewTable {
    /// What `dbt show` prints for a previewed node: `Previewing node 'name':` (or `Previewing
    /// inline node:`) and the table, or with `json` the object dbt's `ShowNode` event writes
    /// (`{"node": name, "show": rows}`, no `node` for an inline query) as Python's `json.dumps`
    /// writes it with `indent=2`. `quiet` (text only) leaves the first line out, as dbt's `--quiet`.
    public func showMessage(node name: String?, json: Bool, quiet: Bool = false) -> String {
        if json {
            var members: [(String, JSON)] = []
            if let name { members.append(("node", .string(name))) }
            members.append(("show", .array(jsonRows)))
            return JSON.object(members).dumped(indent: 2)
        }
        if quiet { return text() }
        return (name.map { "Previewing node '\($0)':\n" } ?? "Previewing inline node:\n") + text()
    }

    /// The rows as agate's `to_json` writes them: an object per row, by column name, each value
    /// through its column type's `jsonify` (a number column's as a Python float).
    var jsonRows: [JSON] {
        rows.map { row in
            .object(zip(columnNames, zip(columnTypes, row)).map { name, typed in (name, Self.json(typed.1, as: typed.0)) })
        }
    }

    static func json(_ value: PreviewValue, as type: ColumnType) -> JSON {
        switch (type, value) {
        case (_, .null): return .null
        case (.integer, .integer(let number)): return .integer(number)
        case (.number, .integer(let number)): return .float(Double(number))
        case (.number, .real(let number)): return .float(number)
        case (.boolean, .boolean(let flag)): return .boolean(flag)
        case (.date, .date(let text)): return .string(text)
        // isoformat(): the date and the time joined by a `T`.
        case (.dateTime, .dateTime(let text)): return .string(String(text.prefix(10)) + "T" + String(text.dropFirst(11)))
        case (.dateTime, .date(let text)): return .string(text + "T00:00:00")
        default: return .string(pythonString(value))
        }
    }
}

/// A JSON value as Python's `json` module writes one.
enum JSON {
    case null
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// `json.dumps(value, indent=indent)`: ASCII only (`\u00eb`), `NaN` and `Infinity` for the
    /// floats JSON has no words for, empty containers as `[]` and `{}`.
    func dumped(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: indent, depth: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, depth: Int) {
        switch self {
        case .null: out += "null"
        case .boolean(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .float(let number):
            if number.isNaN {
                out += "NaN"
            } else if number.isInfinite {
                out += number < 0 ? "-Infinity" : "Infinity"
            } else {
                out += number.pythonRepr
            }
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent * (depth + 1))
                item.write(to: &out, indent: indent, depth: depth + 1)
            }
            out += "\n" + String(repeating: " ", count: indent * depth) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent * (depth + 1))
                Self.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent, depth: depth + 1)
            }
            out += "\n" + String(repeating: " ", count: indent * depth) + "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
