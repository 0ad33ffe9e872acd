extension JSONValue {
    /// Why a document could not be read, with the byte offset where reading stopped.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String

        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Reads a JSON document (RFC 8259, plus the `NaN`/`Infinity`/`-Infinity` Python's `json`
    /// writes), keeping object keys in document order, so that an artifact read back is the
    /// value that was written (Foundation's parser loses key order). Whole numbers that fit an
    /// `Int` are `.int`, every other number `.double`.
    public init(parsing bytes: [UInt8]) throws {
        var parser = JSONParser(bytes: bytes)
        self = try parser.document()
    }
}

/// A recursive-descent reader over UTF-8 bytes. Nesting is limited, so a hostile file cannot
/// exhaust the stack.
private struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    var depth = 0
    static let maximumDepth = 512

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard offset == bytes.count else { throw failure("unexpected text after the document") }
        return value
    }

    func failure(_ reason: String) -> JSONValue.ParseError {
        JSONValue.ParseError(offset: offset, reason: reason)
    }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    mutating func value() throws -> JSONValue {
        skipWhitespace()
        guard offset < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try nested { try $0.object() }
        case UInt8(ascii: "["): return try nested { try $0.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .double(.nan))
        case UInt8(ascii: "I"): return try literal("Infinity", .double(.infinity))
        default: return try number()
        }
    }

    mutating func nested(_ body: (inout JSONParser) throws -> JSONValue) throws -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw failure("nested more than \(Self.maximumDepth) levels deep")
        }
        return try body(&self)
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let expected = Array(word.utf8)
        guard offset + expected.count <= bytes.count,
            Array(bytes[offset..<offset + expected.count]) == expected
        else {
            throw failure("unexpected character")
        }
        offset += expected.count
        return value
    }

    mutating func expect(_ character: Character) throws {
        skipWhitespace()
        guard offset < bytes.count, let ascii = character.asciiValue, bytes[offset] == ascii else {
            throw failure("expected '\(character)'")
        }
        offset += 1
    }

    mutating func peek(_ character: Character) -> Bool {
        skipWhitespace()
        return offset < bytes.count && bytes[offset] == character.asciiValue
    }

    mutating func object() throws -> JSONValue {
        try expect("{")
        var object = JSONObject()
        if peek("}") {
            offset += 1
            return .object(object)
        }
        repeat {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw failure("expected a key")
            }
            let key = try string()
            try expect(":")
            object[key] = try value()
        } while try separator(closing: "}")
        return .object(object)
    }

    mutating func array() throws -> JSONValue {
        try expect("[")
        var items: [JSONValue] = []
        if peek("]") {
            offset += 1
            return .array(items)
        }
        repeat {
            items.append(try value())
        } while try separator(closing: "]")
        return .array(items)
    }

    /// After a member: `true` on a comma, `false` on the closing bracket.
    mutating func separator(closing: Character) throws -> Bool {
        if peek(",") {
            offset += 1
            return true
        }
        try expect(closing)
        return false
    }

    mutating func number() throws -> JSONValue {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "I") {
                return try literal("Infinity", .double(-.infinity))
            }
        }
        var isInteger = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                offset += 1
            } else if [
                UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"),
            ].contains(byte) {
                isInteger = false
                offset += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text), text.last?.isNumber == true else {
            offset = start
            throw failure("expected a value")
        }
        return .double(double)
    }

    mutating func string() throws -> String {
        offset += 1  // the opening quote
        var buffer: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: buffer, as: UTF8.self) }
            if byte < 0x20 { throw failure("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                continue
            }
            guard offset < bytes.count else { break }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"): buffer.append(contentsOf: String(Character(try unicodeEscape())).utf8)
            default: throw failure("unknown escape")
            }
        }
        throw failure("unterminated string")
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    mutating func unicodeEscape() throws -> Unicode.Scalar {
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
            bytes[offset + 1] == UInt8(ascii: "u")
        {
            let saved = offset
            offset += 2
            let low = try hexQuad()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            offset = saved
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    mutating func hexQuad() throws -> UInt32 {
        guard offset + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        offset += 4
        return value
    }
}
