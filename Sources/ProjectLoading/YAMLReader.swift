import Diagnostics
import ProjectModel
import Yams

/// Parses YAML text into a `YAMLNode` tree with spans, resolving plain scalars as PyYAML's
/// `safe_load` does (what dbt uses), and merge keys (`<<: *anchor`) as PyYAML merges them.
public enum YAMLReader {
    /// Parses the first document of `file`; an empty document is an empty mapping, as dbt treats it.
    public static func parse(_ file: SourceFile) throws -> YAMLNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text, .basic)
        } catch let error as YamlError {
            throw diagnostic(for: error, in: file)
        }
        guard let root else { return YAMLNode(.mapping([]), span: .at(0)) }
        return convert(root, in: file)
    }

    private static func span(of mark: Mark?, in file: SourceFile) -> SourceSpan {
        guard let mark else { return .at(0) }
        return .at(file.offset(line: mark.line, scalarColumn: mark.column))
    }

    private static func convert(_ node: Node, in file: SourceFile) -> YAMLNode {
        let nodeSpan = span(of: node.mark, in: file)
        switch node {
        case .scalar(let scalar):
            let isPlain = scalar.style == .plain || scalar.style == .any
            let value: ConfigValue = isPlain ? PlainScalar.resolve(scalar.string) : .string(scalar.string)
            return YAMLNode(.scalar(value), span: nodeSpan.extended(by: scalar.string.utf8.count))
        case .sequence(let sequence):
            return YAMLNode(.sequence(sequence.map { convert($0, in: file) }), span: nodeSpan)
        case .mapping(let mapping):
            var entries: [YAMLNode.Entry] = []
            var merged: [YAMLNode.Entry] = []
            for (key, value) in mapping {
                let keyText = key.scalar?.string ?? ""
                let converted = convert(value, in: file)
                if keyText == "<<", key.scalar?.style == .plain {
                    // PyYAML: the merged mappings come first and explicit keys override them.
                    let sources = converted.items ?? [converted]
                    for source in sources { merged.append(contentsOf: source.entries ?? []) }
                    continue
                }
                // Keys are looked up by their text (`1:` and `'1':` are the same key here).
                entries.append(YAMLNode.Entry(key: keyText, keySpan: span(of: key.mark, in: file), value: converted))
            }
            let explicit = Set(entries.map(\.key))
            let inherited = merged.filter { !explicit.contains($0.key) }
            return YAMLNode(.mapping(inherited + entries), span: nodeSpan)
        case .alias:
            return YAMLNode(.scalar(.null), span: nodeSpan)
        }
    }

    private static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
        var message = "invalid YAML"
        var offset = 0
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            offset = file.offset(line: mark.line, scalarColumn: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            message = "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping"
            offset = file.offset(line: context.mark.line, scalarColumn: context.mark.column)
        default:
            message = "invalid YAML: \(error)"
        }
        return Diagnostic(
            code: "W0101", message: message, file: file, span: .at(offset),
            help: "fix the YAML syntax at this position (indentation, a missing colon or an unclosed quote are the usual causes)")
    }
}

extension SourceSpan {
    func extended(by length: Int) -> SourceSpan { SourceSpan(start: start, end: start + length) }
}

/// PyYAML's implicit resolvers for plain scalars (YAML 1.1). Timestamps stay strings: dbt
/// passes them on as text wherever Weir uses them.
enum PlainScalar {
    static func resolve(_ text: String) -> ConfigValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        if let int = integer(text) { return .int(int) }
        if let double = float(text) { return .double(double) }
        return .string(text)
    }

    /// `[-+]?(0|[1-9][0-9_]*)`, `0x..`, `0b..`, `0o`-less octal `0[0-7_]+`.
    private static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let digits: Substring
        let radix: Int
        if body.hasPrefix("0x") {
            digits = body.dropFirst(2)
            radix = 16
        } else if body.hasPrefix("0b") {
            digits = body.dropFirst(2)
            radix = 2
        } else if body.count > 1, body.hasPrefix("0") {
            digits = body.dropFirst()
            radix = 8
        } else {
            guard body.first != "_" else { return nil }
            digits = body
            radix = 10
        }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty, let magnitude = Int(cleaned, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?`: PyYAML wants the dot and a signed exponent.
    private static func float(_ text: String) -> Double? {
        var body = Substring(text)
        if let sign = body.first, sign == "-" || sign == "+" { body = body.dropFirst() }
        guard let dot = body.firstIndex(of: ".") else { return nil }
        let whole = body[..<dot]
        guard whole.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }), whole.first != "_" else { return nil }
        var rest = body[body.index(after: dot)...]
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exponent = rest[rest.index(after: e)...]
            guard let sign = exponent.first, sign == "-" || sign == "+", exponent.count > 1,
                exponent.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
            else { return nil }
            rest = rest[..<e]
        }
        guard rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) else { return nil }
        guard !(whole.isEmpty && rest.isEmpty) else { return nil }
        return Double(text.filter { $0 != "_" })
    }
}
