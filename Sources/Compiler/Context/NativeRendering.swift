import Foundation
import Jinja

/// The strings dbt's `as_bool`, `as_number`, `as_native` and `as_text` filters return: text
/// when rendered into a larger template, a typed value when they are the whole of a natively
/// rendered one (`port: "{{ env_var('PGPORT') | as_number }}"` becomes an integer).
final class NativeMarker: JinjaObject {
    enum Kind { case text, native, bool, number }
    let kind: Kind
    let text: String

    init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    var typeName: String { "str" }
    var pyStr: String { text }
    var pyRepr: String { pyStringRepr(text) }
    var isTruthy: Bool { !text.isEmpty }
    var length: Int? { text.count }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        try Value.string(text).attribute(name, context)
    }
}

enum NativeRendering {
    static let filters: [(String, NativeMarker.Kind)] = [
        ("as_text", .text), ("as_native", .native), ("as_bool", .bool), ("as_number", .number),
    ]

    /// dbt's `quoted_native_concat` applied to a natively rendered value.
    static func finish(_ value: Value) throws -> Value {
        guard case .object(let object) = value, let marker = object as? NativeMarker else { return value }
        if marker.kind == .text { return .string(marker.text) }
        let result = PythonLiteral.evaluate(marker.text) ?? .string(marker.text)
        switch marker.kind {
        case .bool:
            guard case .bool = result else {
                throw RuntimeFailure.raised("Could not convert value '\(marker.text)' into type 'bool'")
            }
        case .number:
            switch result {
            case .int, .bigInt, .float: break
            default: throw RuntimeFailure.raised("Could not convert value '\(marker.text)' into type 'number'")
            }
        case .text, .native: break
        }
        return result
    }
}

/// Python's `ast.literal_eval` for the literals configs hold: numbers, strings, `True`/`False`/
/// `None`, and lists, tuples and dicts of them.
enum PythonLiteral {
    static func evaluate(_ text: String) -> Value? {
        var parser = Parser(Array(text.utf8))
        parser.skipSpace()
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        return parser.atEnd ? value : nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position >= bytes.count }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func value() -> Value? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "["):
                position += 1
                guard let items = sequence(until: UInt8(ascii: "]")) else { return nil }
                return .list(items)
            case UInt8(ascii: "("):
                position += 1
                guard let items = sequence(until: UInt8(ascii: ")")) else { return nil }
                return .tuple(items)
            case UInt8(ascii: "{"):
                position += 1
                var pairs: [(Value, Value)] = []
                if consume(UInt8(ascii: "}")) { return .dict(PyDict(pairs)) }
                while true {
                    guard let key = value(), consume(UInt8(ascii: ":")), let item = value() else { return nil }
                    pairs.append((key, item))
                    if consume(UInt8(ascii: "}")) { return .dict(PyDict(pairs)) }
                    guard consume(UInt8(ascii: ",")) else { return nil }
                    if consume(UInt8(ascii: "}")) { return .dict(PyDict(pairs)) }
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                return string()
            default:
                return scalar()
            }
        }

        mutating func sequence(until close: UInt8) -> [Value]? {
            var items: [Value] = []
            if consume(close) { return items }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                if consume(close) { return items }
                guard consume(UInt8(ascii: ",")) else { return nil }
                if consume(close) { return items }
            }
        }

        mutating func string() -> Value? {
            let quote = bytes[position]
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == quote { return .string(String(decoding: out, as: UTF8.self)) }
                if byte == UInt8(ascii: "\\"), position < bytes.count {
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    default: out.append(escaped)
                    }
                } else {
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func scalar() -> Value? {
            let start = position
            while position < bytes.count,
                !([UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: ":")]
                    .contains(bytes[position]))
            {
                position += 1
            }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return Value.none
            default: break
            }
            let digits = word.replacingOccurrences(of: "_", with: "")
            if let int = Int(digits) { return .int(int) }
            if word.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) { return nil }
            if let double = Double(digits), word.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                return .float(double)
            }
            return nil
        }
    }
}
