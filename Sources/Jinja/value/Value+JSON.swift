import BigInt

extension Value {
    /// Parses JSON text into Python-like values: objects become dicts (in document order),
    /// arrays lists, integers `int` and numbers with a fraction or exponent `float`, as
    /// Python's `json.loads` does (dbt's `fromjson`).
    public static func parseJSON(_ text: String) throws -> Value {
        var parser = JSONReader(Array(text.utf8))
        parser.skipSpace()
        let value = try parser.readValue()
        parser.skipSpace()
        guard parser.atEnd else {
            throw RuntimeFailure.value("Extra data: line \(parser.line) (char \(parser.position))")
        }
        return value
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var line: Int { bytes[..<min(position, bytes.count)].filter { $0 == 0x0A }.count + 1 }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    func failure(_ message: String) -> RuntimeFailure {
        RuntimeFailure.value("\(message): line \(line) (char \(position))")
    }

    mutating func readValue() throws -> Value {
        guard position < bytes.count else { throw failure("Expecting value") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            let dict = PyDict()
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .dict(dict)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw failure("Expecting property name enclosed in double quotes")
                }
                let key = try readString()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw failure("Expecting ':' delimiter")
                }
                position += 1
                skipSpace()
                dict[.string(key)] = try readValue()
                skipSpace()
                guard position < bytes.count else { throw failure("Expecting ',' delimiter") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .dict(dict)
                } else {
                    throw failure("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [Value] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .list(PyList(items))
            }
            while true {
                skipSpace()
                items.append(try readValue())
                skipSpace()
                guard position < bytes.count else { throw failure("Expecting ',' delimiter") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .list(PyList(items))
                } else {
                    throw failure("Expecting ',' delimiter")
                }
            }
        case UInt8(ascii: "\""):
            return .string(try readString())
        default:
            if match("true") { return .bool(true) }
            if match("false") { return .bool(false) }
            if match("null") { return .none }
            if match("NaN") { return .float(.nan) }
            if match("Infinity") { return .float(.infinity) }
            if match("-Infinity") { return .float(-.infinity) }
            return try readNumber()
        }
    }

    mutating func match(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8
        else {
            return false
        }
        position += utf8.count
        return true
    }

    mutating func readNumber() throws -> Value {
        let start = position
        var isFloat = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= 0x30 && byte <= 0x39 {
                position += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || ((byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && isFloat)
            {
                isFloat = true
                position += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isFloat, let value = Double(text) { return .float(value) }
        if !isFloat, let value = BigInt(text) { return Value.integer(value) }
        position = start
        throw failure("Expecting value")
    }

    mutating func readString() throws -> String {
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var code = try readHex4()
                if (0xD800..<0xDC00).contains(code), match("\\u") {
                    let low = try readHex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
            default: out.append(escape)
            }
        }
        throw failure("Unterminated string starting at")
    }

    mutating func readHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw failure("Invalid \\uXXXX escape") }
        position += 4
        return code
    }
}

extension Value {
    /// Python's `json.dumps(value, sort_keys=sortKeys, indent=indent)`, as dbt's `tojson` calls it.
    public func pythonJSON(sortKeys: Bool = false, indent: String? = nil) throws -> String {
        try PyJSON.dumps(self, indent: indent, sortKeys: sortKeys)
    }
}
