import Foundation
import Diagnostics
import Jinja
import ProjectLoading
import ProjectModel
import PythonModules

/// dbt's `fromyaml(text, default=None)` and `toyaml(value, default=None, sort_keys=False)`,
/// the latter writing as PyYAML's `safe_dump` does for the values templates hold.
enum YAMLFunctions {
    static let fromyaml = Value.function("fromyaml") { arguments, _ in
        let bound = try arguments.bind(["value", "default"], defaults: ["default": .none], function: "fromyaml")
        let text = bound["value"].pyStr
        do {
            return try loaded(YAMLReader.parse(SourceFile(name: "fromyaml", text: text)), source: Array(text.utf8))
        } catch {
            return bound["default"]
        }
    }

    /// A parsed document as `safe_load` gives it: plain timestamps become dates and datetimes.
    /// A scalar is plain when its text starts where the node does (no quote, tag or `|`).
    private static func loaded(_ node: YAMLNode, source: [UInt8]) throws -> Value {
        switch node.kind {
        case .scalar(.string(let text)):
            let startsPlain = node.span.start < source.count && (48...57).contains(source[node.span.start])
            if startsPlain, let timestamp = try YAMLTimestamp.value(text) { return timestamp }
            return .string(text)
        case .scalar(let value): return value.jinjaValue
        case .sequence(let items): return .list(try items.map { try loaded($0, source: source) })
        case .mapping(let entries):
            // A repeated key keeps its first place and its last value, as a Python dict does.
            let dict = PyDict()
            for entry in entries { dict[.string(entry.key)] = try loaded(entry.value, source: source) }
            return .dict(dict)
        }
    }

    static let toyaml = Value.function("toyaml") { arguments, _ in
        let bound = try arguments.bind(
            ["value", "default", "sort_keys"], defaults: ["default": .none, "sort_keys": .bool(false)], function: "toyaml")
        var out = ""
        write(bound["value"], indent: 0, sortKeys: bound["sort_keys"].isTruthy, into: &out, topLevel: true)
        return .string(out)
    }

    private static func write(_ value: Value, indent: Int, sortKeys: Bool, into out: inout String, topLevel: Bool = false) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .dict(let dict) where dict.count > 0:
            var pairs = dict.pairs
            if sortKeys { pairs.sort { $0.0.pyStr < $1.0.pyStr } }
            for (key, item) in pairs {
                out += pad + scalar(key) + ":"
                writeNested(item, indent: indent, sortKeys: sortKeys, into: &out)
            }
        case .list(let list) where !list.items.isEmpty:
            for item in list.items {
                out += pad + "-"
                writeNested(item, indent: indent, sortKeys: sortKeys, into: &out, inSequence: true)
            }
        case .tuple(let items) where !items.isEmpty:
            write(.list(items), indent: indent, sortKeys: sortKeys, into: &out, topLevel: topLevel)
        default:
            out += pad + scalar(value) + "\n"
            if topLevel, case .string = value, !scalar(value).hasPrefix("'") { out += "...\n" }
        }
    }

    private static func writeNested(
        _ item: Value, indent: Int, sortKeys: Bool, into out: inout String, inSequence: Bool = false
    ) {
        switch item {
        case .dict(let dict) where dict.count > 0:
            if inSequence {
                // PyYAML starts a mapping inside a sequence on the dash's line.
                var nested = ""
                write(item, indent: indent + 2, sortKeys: sortKeys, into: &nested)
                out += " " + nested.dropFirst(indent + 2)
            } else {
                out += "\n"
                write(item, indent: indent + 2, sortKeys: sortKeys, into: &out)
            }
        case .list(let list) where !list.items.isEmpty:
            out += "\n"
            // PyYAML does not indent a sequence under a mapping key.
            write(item, indent: inSequence ? indent + 2 : indent, sortKeys: sortKeys, into: &out)
        default:
            out += " " + scalar(item) + "\n"
        }
    }

    private static func scalar(_ value: Value) -> String {
        switch value {
        case .none, .undefined: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .bigInt: return value.pyStr
        case .float(let d): return d.isNaN ? ".nan" : d.isInfinite ? (d > 0 ? ".inf" : "-.inf") : value.pyStr
        case .dict: return "{}"
        case .list, .tuple: return "[]"
        case .object(let object) where ["datetime.date", "datetime.datetime"].contains(object.typeName):
            // A timestamp, written plain as `isoformat(' ')` gives it.
            return value.pyStr
        default:
            let text = value.pyStr
            return needsQuotes(text) ? "'" + text.replacingOccurrences(of: "'", with: "''") + "'" : text
        }
    }

    /// Whether PyYAML would quote a string: when read plain it would not come back as the same string.
    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty || ConfigValueProbe.resolve(text) != .string(text) || YAMLTimestamp.matches(text) { return true }
        if let first = text.first, "-?:,[]{}#&*!|>'\"%@`~ ".contains(first) { return true }
        if text.last == " " || text.contains(": ") || text.contains(" #") || text.contains("\n") { return true }
        return false
    }
}

/// How a plain YAML scalar reads back (PyYAML's resolvers), to decide on quoting.
enum ConfigValueProbe {
    static func resolve(_ text: String) -> ConfigValue {
        (try? YAMLReader.parse(SourceFile(name: "probe", text: "k: \(text)\n"))["k"]?.scalar) ?? .null
    }
}
