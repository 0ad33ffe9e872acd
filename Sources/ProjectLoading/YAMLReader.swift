import CYaml
import Diagnostics
import ProjectModel

/// Parses YAML text into a `YAMLNode` tree with spans, resolving plain scalars as PyYAML's
/// `safe_load` does (what dbt uses), and merge keys (`<<: *anchor`) as PyYAML merges them.
///
/// The tree is built straight from libyaml's events (libyaml comes with Yams). Going through
/// Yams' own node tree first cost twice as much: a class instance per event and per tag, and
/// hashing every mapping's keys as nodes to find duplicates; at 10,000 models the property
/// files are a tenth of a compile.
public enum YAMLReader {
    /// Parses the first document of `file`; an empty document is an empty mapping, as dbt treats it.
    public static func parse(_ file: SourceFile) throws -> YAMLNode {
        var text = file.text
        return try text.withUTF8 { bytes in
            var composer = EventComposer(file: file, bytes: bytes)
            defer { composer.close() }
            return try composer.singleDocument() ?? YAMLNode(.mapping([]), span: .at(0))
        }
    }
}

/// Reads libyaml's events one at a time and composes them into nodes, as PyYAML's composer
/// does: aliases stand for the node their anchor named, and a mapping may not repeat a key.
private struct EventComposer {
    private let file: SourceFile
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    /// When the text is ASCII, libyaml's character index is the UTF-8 offset.
    private let isASCII: Bool
    private var anchors: [String: Composed] = [:]

    init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        isASCII = bytes.allSatisfy { $0 < 0x80 }
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        event.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    /// Frees libyaml's state; the text's bytes must outlive the composer until then.
    func close() {
        yaml_event_delete(event)
        yaml_parser_delete(parser)
        event.deallocate()
        parser.deallocate()
    }

    /// The stream's only document, or nil for an empty stream.
    mutating func singleDocument() throws -> YAMLNode? {
        try next()  // stream start
        guard try next() != YAML_STREAM_END_EVENT else { return nil }
        try next()
        let root = try node().node
        try next()  // document end
        if try next() != YAML_STREAM_END_EVENT {
            throw diagnostic(
                "invalid YAML: expected a single document in the stream, but found another document", at: startOffset)
        }
        return root
    }

    /// Replaces the current event by the next one and returns its type.
    @discardableResult
    private mutating func next() throws -> yaml_event_type_t {
        yaml_event_delete(event)
        guard yaml_parser_parse(parser, event) == 1 else { throw parserError() }
        return event.pointee.type
    }

    /// A composed node, with a scalar's text and style: a mapping's key is its text, whatever
    /// the scalar resolves to, and only a plain `<<` is a merge key.
    private struct Composed {
        var node: YAMLNode
        var text: String? = nil
        var isPlain = false
    }

    /// The node that starts at the current event, its last event consumed.
    private mutating func node() throws -> Composed {
        let span = SourceSpan.at(startOffset)
        switch event.pointee.type {
        case YAML_ALIAS_EVENT:
            guard let name = string(event.pointee.data.alias.anchor), let anchored = anchors[name] else {
                throw diagnostic("invalid YAML: found undefined alias", at: span.start)
            }
            return anchored
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE || data.style == YAML_ANY_SCALAR_STYLE
            let node = YAMLNode(
                .scalar(isPlain ? PlainScalar.resolve(text) : .string(text)), span: span.extended(by: data.length))
            return register(string(data.anchor), Composed(node: node, text: text, isPlain: isPlain))
        case YAML_SEQUENCE_START_EVENT:
            let anchor = string(event.pointee.data.sequence_start.anchor)
            var items: [YAMLNode] = []
            while try next() != YAML_SEQUENCE_END_EVENT { items.append(try node().node) }
            return register(anchor, Composed(node: YAMLNode(.sequence(items), span: span)))
        case YAML_MAPPING_START_EVENT:
            let anchor = string(event.pointee.data.mapping_start.anchor)
            return register(anchor, Composed(node: YAMLNode(.mapping(try mappingEntries()), span: span)))
        default:
            throw diagnostic("invalid YAML: unexpected event", at: span.start)
        }
    }

    /// A mapping's entries (the current event is its start), merge keys applied as PyYAML
    /// applies them: the merged mappings' entries first, then the explicit ones, which win.
    private mutating func mappingEntries() throws -> [YAMLNode.Entry] {
        var entries: [YAMLNode.Entry] = []
        var merged: [YAMLNode.Entry] = []
        // Keys seen, searched in `entries` while a mapping is small (most are), hashed beyond.
        var seen: Set<String> = []
        var duplicates: Set<String> = []
        while try next() != YAML_MAPPING_END_EVENT {
            let keySpan = SourceSpan.at(startOffset)
            let composedKey = try node()
            let isMergeKey = composedKey.isPlain && composedKey.text == "<<"
            // A key that is a collection is kept under the empty text (and never a duplicate).
            let key = composedKey.text ?? ""
            if !isMergeKey, composedKey.text != nil {
                if entries.count == 16 { seen = Set(entries.map(\.key)) }
                let repeated = entries.count < 16 ? entries.contains { $0.key == key } : !seen.insert(key).inserted
                if repeated { duplicates.insert(key) }
            }
            try next()
            let value = try node().node
            if isMergeKey {
                for source in value.items ?? [value] { merged.append(contentsOf: source.entries ?? []) }
            } else {
                entries.append(YAMLNode.Entry(key: key, keySpan: keySpan, value: value))
            }
        }
        if !duplicates.isEmpty {
            // As Yams words it: every repeated key, at the first of the first one's occurrences.
            let sorted = duplicates.sorted()
            throw diagnostic(
                "duplicate key\(sorted.count == 1 ? "" : "s") \(sorted.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                at: entries.first { $0.key == sorted[0] }?.keySpan.start ?? 0)
        }
        guard !merged.isEmpty else { return entries }
        let explicit = Set(entries.map(\.key))
        return merged.filter { !explicit.contains($0.key) } + entries
    }

    private mutating func register(_ anchor: String?, _ composed: Composed) -> Composed {
        if let anchor { anchors[anchor] = composed }
        return composed
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Where the current event starts, as a UTF-8 offset into the file.
    private var startOffset: Int { offset(of: event.pointee.start_mark) }

    private func offset(of mark: yaml_mark_t) -> Int {
        if isASCII { return mark.index }
        return file.offset(line: mark.line + 1, scalarColumn: mark.column + 1)
    }

    private func parserError() -> Diagnostic {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
        // A reader error (a byte libyaml refuses) is placed by its byte offset in the input.
        if state.error == YAML_READER_ERROR { return diagnostic("invalid YAML: \(problem)", at: state.problem_offset) }
        var message = "invalid YAML: \(problem)"
        if let context = state.context { message += " (\(String(cString: context)))" }
        return diagnostic(message, at: offset(of: state.problem_mark))
    }

    private func diagnostic(_ message: String, at offset: Int) -> Diagnostic {
        Diagnostic(
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
        // The words below are short and start with one of a few characters: most scalars (keys,
        // names, descriptions) are told apart by their first byte and length, without comparing
        // them to each word in turn.
        guard let first = text.utf8.first else { return .null }
        let mayBeWord: Bool
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "f"),
            UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            mayBeWord = text.utf8.count <= 6
        default:
            mayBeWord = false
        }
        if mayBeWord {
            switch text {
            case "~", "null", "Null", "NULL": return .null
            case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
            case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
            case ".nan", ".NaN", ".NAN": return .double(.nan)
            default: break
            }
        }
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
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
