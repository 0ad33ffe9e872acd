import BigInt

@testable import Jinja

/// Reads Python literals (`None`, `True`, numbers, quoted strings, lists, tuples, dicts) and
/// call argument lists (`1, 'a', sep=','`), so test tables can be written, and checked
/// against python3, in Python's own notation.
struct PythonLiteral {
    private let text: [Unicode.Scalar]
    private var position = 0

    private init(_ text: String) { self.text = Array(text.unicodeScalars) }

    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    /// One literal value.
    static func value(_ source: String) throws -> Value {
        var parser = PythonLiteral(source)
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// The inside of a call's parentheses.
    static func arguments(_ source: String) throws -> Arguments {
        var parser = PythonLiteral(source)
        var arguments = Arguments()
        parser.skipSpace()
        while parser.peek() != nil {
            if let name = parser.keywordName() {
                arguments.keywords.append((name, try parser.parseValue()))
            } else {
                arguments.positional.append(try parser.parseValue())
            }
            parser.skipSpace()
            if parser.peek() == "," { parser.position += 1 }
            parser.skipSpace()
        }
        return arguments
    }

    private func peek() -> Unicode.Scalar? { position < text.count ? text[position] : nil }

    private mutating func skipSpace() {
        while let c = peek(), c == " " { position += 1 }
    }

    private func fail(_ message: String) -> SyntaxError {
        SyntaxError(description: "\(message) at \(position) in \(PyText.string(text))")
    }

    private mutating func expectEnd() throws {
        skipSpace()
        if peek() != nil { throw fail("trailing text") }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws {
        skipSpace()
        guard peek() == c else { throw fail("expected \(c)") }
        position += 1
    }

    /// `name=` ahead (not `name==`), consumed; else nil and nothing consumed.
    private mutating func keywordName() -> String? {
        var end = position
        while end < text.count, text[end].properties.isXIDContinue { end += 1 }
        guard end > position, end < text.count, text[end] == "=", text[position].properties.isXIDStart
        else { return nil }
        let name = PyText.string(text[position..<end])
        position = end + 1
        return name
    }

    private mutating func parseValue() throws -> Value {
        skipSpace()
        guard let c = peek() else { throw fail("expected a value") }
        switch c {
        case "'", "\"": return .string(try parseString())
        case "[": return .list(try parseItems(until: "]").items)
        case "(":
            let (items, trailingComma) = try parseItems(until: ")")
            if items.count == 1 && !trailingComma { return items[0] }
            return .tuple(items)
        case "{": return try parseDict()
        default: return try parseAtom()
        }
    }

    private mutating func parseItems(until close: Unicode.Scalar) throws -> (
        items: [Value], trailingComma: Bool
    ) {
        position += 1
        var items: [Value] = []
        var trailingComma = false
        while true {
            skipSpace()
            if peek() == close {
                position += 1
                return (items, trailingComma)
            }
            items.append(try parseValue())
            skipSpace()
            trailingComma = peek() == ","
            if trailingComma {
                position += 1
            } else if peek() != close {
                throw fail("expected , or \(close)")
            }
        }
    }

    private mutating func parseDict() throws -> Value {
        position += 1
        let dict = PyDict()
        while true {
            skipSpace()
            if peek() == "}" {
                position += 1
                return .dict(dict)
            }
            let key = try parseValue()
            try expect(":")
            dict[key] = try parseValue()
            skipSpace()
            if peek() == "," { position += 1 } else if peek() != "}" { throw fail("expected , or }") }
        }
    }

    private mutating func parseAtom() throws -> Value {
        let start = position
        while let c = peek(),
            c.properties.isXIDContinue || "+-.".unicodeScalars.contains(c)
                || (c == "e" || c == "E")
        {
            position += 1
        }
        let word = PyText.string(text[start..<position])
        switch word {
        case "None": return .none
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan": return .float(.nan)
        default: break
        }
        if let small = Int(word) { return .int(small) }
        if word.allSatisfy({ $0.isNumber || $0 == "-" }), let big = BigInt(word) { return Value.integer(big) }
        if let d = Double(word) { return .float(d) }
        throw fail("unknown literal \(word)")
    }

    private mutating func parseString() throws -> String {
        let quote = text[position]
        position += 1
        var out = String.UnicodeScalarView()
        while let c = peek() {
            position += 1
            if c == quote { return String(out) }
            guard c == "\\", let escaped = peek() else {
                out.append(c)
                continue
            }
            position += 1
            switch escaped {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "0": out.append("\0")
            case "x", "u", "U":
                let width = escaped == "x" ? 2 : (escaped == "u" ? 4 : 8)
                guard position + width <= text.count,
                    let code = UInt32(PyText.string(text[position..<(position + width)]), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw fail("bad escape") }
                out.append(scalar)
                position += width
            default: out.append(escaped)
            }
        }
        throw fail("unterminated string")
    }
}
