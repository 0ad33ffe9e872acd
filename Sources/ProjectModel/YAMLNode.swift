import Diagnostics
import Foundation

/// A parsed YAML document with the span of every node, so that a bad config or an unknown
/// `ref` in a test argument can point at the very line and column it came from.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        /// A scalar resolved the way PyYAML's `safe_load` resolves it (YAML 1.1: `yes` is true).
        case scalar(ConfigValue)
        case sequence([YAMLNode])
        case mapping([Entry])
    }

    public struct Entry: Sendable {
        public var key: String
        public var keySpan: SourceSpan
        public var value: YAMLNode

        public init(key: String, keySpan: SourceSpan, value: YAMLNode) {
            self.key = key
            self.keySpan = keySpan
            self.value = value
        }
    }

    public let kind: Kind
    public var span: SourceSpan
    /// Whether a string anywhere in the tree holds a `{`, so may be Jinja to render, or ends
    /// with a line break, which rendering drops (as Jinja drops a template's last one): worked
    /// out as the tree is built, so that rendering an entry passes over the parts that hold
    /// neither (most of a large project's property files).
    public let mayHoldJinja: Bool

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        switch kind {
        case .scalar(.string(let text)): mayHoldJinja = text.utf8.last == UInt8(ascii: "\n") || Self.holdsBrace(text)
        case .scalar: mayHoldJinja = false
        case .sequence(let items): mayHoldJinja = items.contains { $0.mayHoldJinja }
        case .mapping(let entries): mayHoldJinja = entries.contains { $0.value.mayHoldJinja }
        }
    }

    private static func holdsBrace(_ text: String) -> Bool {
        let brace = Int32(UInt8(ascii: "{"))
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.count > 0 && memchr(bytes.baseAddress!, brace, bytes.count) != nil
        } ?? text.utf8.contains(UInt8(ascii: "{"))
    }

    /// A value as a tree whose every part has `span`: what a rendered YAML string became.
    public init(_ value: ConfigValue, span: SourceSpan) {
        switch value {
        case .list(let items): self.init(.sequence(items.map { YAMLNode($0, span: span) }), span: span)
        case .map(let map):
            self.init(.mapping(map.map { Entry(key: $0.key, keySpan: span, value: YAMLNode($0.value, span: span)) }), span: span)
        default: self.init(.scalar(value), span: span)
        }
    }

    /// The value of `key` in a mapping (the last one, as PyYAML keeps the last duplicate).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = kind else { return nil }
        return entries.last { $0.key == key }?.value
    }

    public var entries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var scalar: ConfigValue? {
        if case .scalar(let value) = kind { return value }
        return nil
    }

    public var string: String? { scalar?.stringValue }

    /// The whole tree as a plain value, spans dropped.
    public var value: ConfigValue {
        switch kind {
        case .scalar(let value): return value
        case .sequence(let items): return .list(items.map(\.value))
        case .mapping(let entries):
            var map = ConfigMap()
            for entry in entries { map[entry.key] = entry.value.value }
            return .map(map)
        }
    }

    public var isMapping: Bool { entries != nil }

    public var typeDescription: String {
        switch kind {
        case .scalar(.null): return "null"
        case .scalar(.string): return "a string"
        case .scalar(.bool): return "a boolean"
        case .scalar(.int), .scalar(.double): return "a number"
        case .scalar: return "a value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
