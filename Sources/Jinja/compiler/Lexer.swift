import Foundation
import BigInt
import Diagnostics

/// Splits a template into tokens the way Jinja2's lexer does under dbt's settings:
/// `{{ }}`, `{% %}`, `{# #}` delimiters, `-` whitespace control, `+` accepted (a no-op with
/// `trim_blocks`/`lstrip_blocks` off), `{% raw %}` blocks, and braces balanced inside tags so
/// that `{{ {'a': {'b': 1}} }}` ends at the right `}}`.
struct Lexer {
    let file: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []
    /// Set after a `-%}`, `-}}` or `-#}`: the next data starts after its leading whitespace.
    private var stripNextData = false

    /// Lexes the bytes of `range` of the file (all of it, or the part between its leading and
    /// trailing whitespace), with positions in the whole file.
    init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.bytes = file.text.utf8Bytes(prefix: range.upperBound)
        self.position = range.lowerBound
    }

    /// Jinja2 normalises every line ending to `\n` and, with `keep_trailing_newline` off,
    /// drops one trailing newline before lexing.
    static func normalize(_ source: String) -> String {
        var text = source
        if source.containsUTF8(UInt8(ascii: "\r")) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.utf8.count)
            var previousWasCR = false
            for byte in source.utf8 {
                if byte == UInt8(ascii: "\n") && previousWasCR {
                    previousWasCR = false
                    continue
                }
                previousWasCR = byte == UInt8(ascii: "\r")
                bytes.append(previousWasCR ? UInt8(ascii: "\n") : byte)
            }
            text = String(decoding: bytes, as: UTF8.self)
        }
        if text.utf8.last == UInt8(ascii: "\n") { text.removeLast() }
        return text
    }

    mutating func tokenize() throws -> [Token] {
        while position < bytes.count {
            try lexData()
        }
        tokens.append(Token(kind: .eof, span: .at(bytes.count)))
        return tokens
    }

    // MARK: - Data and tag openings

    private mutating func lexData() throws {
        let start = position
        // The next `{{`, `{%` or `{#`: `memchr` finds each `{` (most of a model is plain SQL).
        var scan = bytes.withUnsafeBufferPointer { buffer in
            var scan = position
            while scan + 1 < buffer.count {
                guard let brace = memchr(buffer.baseAddress! + scan, Int32(UInt8(ascii: "{")), buffer.count - 1 - scan) else {
                    return buffer.count
                }
                scan = buffer.baseAddress!.distance(to: brace.assumingMemoryBound(to: UInt8.self))
                let next = buffer[scan + 1]
                if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") { return scan }
                scan += 1
            }
            return buffer.count
        }
        if scan + 1 >= bytes.count { scan = bytes.count }
        let tagStart = scan
        let stripBefore = tagStart + 2 < bytes.count && bytes[tagStart + 2] == UInt8(ascii: "-")
        var dataEnd = tagStart
        if stripBefore { dataEnd = trimmingTrailingSpace(from: start, to: dataEnd) }
        var dataStart = start
        if stripNextData {
            dataStart = trimmingLeadingSpace(from: dataStart, to: dataEnd)
            stripNextData = false
        }
        if dataEnd > dataStart {
            tokens.append(
                Token(kind: .data(text(dataStart, dataEnd)), span: SourceSpan(start: dataStart, end: dataEnd))
            )
        }
        position = tagStart
        guard tagStart < bytes.count else { return }
        switch bytes[tagStart + 1] {
        case UInt8(ascii: "#"): try lexComment()
        case UInt8(ascii: "%"):
            if let rawEnd = matchRawOpening(at: tagStart) {
                try lexRaw(openingEnd: rawEnd)
            } else {
                try lexTag(begin: .blockBegin, closing: UInt8(ascii: "%"), end: .blockEnd)
            }
        default: try lexTag(begin: .variableBegin, closing: UInt8(ascii: "}"), end: .variableEnd)
        }
    }

    private mutating func lexComment() throws {
        let open = position
        var scan = position + 2
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "-") || bytes[scan] == UInt8(ascii: "+") {
            scan += 1
        }
        while scan + 1 < bytes.count {
            if bytes[scan] == UInt8(ascii: "#") && bytes[scan + 1] == UInt8(ascii: "}") {
                stripNextData = scan > open + 2 && bytes[scan - 1] == UInt8(ascii: "-")
                position = scan + 2
                return
            }
            scan += 1
        }
        throw TemplateError.syntax(
            "missing end of comment tag", file: file, span: SourceSpan(start: open, end: open + 2),
            code: "J0102")
    }

    /// `{% raw %}` with optional `-`/`+` markers; returns the offset after its `%}`.
    private func matchRawOpening(at start: Int) -> Int? {
        var scan = start + 2
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "-") || bytes[scan] == UInt8(ascii: "+") {
            scan += 1
        }
        while scan < bytes.count && isSpace(bytes[scan]) { scan += 1 }
        guard matches("raw", at: scan) else { return nil }
        scan += 3
        while scan < bytes.count && isSpace(bytes[scan]) { scan += 1 }
        if matches("-%}", at: scan) { return scan + 3 }
        if matches("%}", at: scan) { return scan + 2 }
        return nil
    }

    private mutating func lexRaw(openingEnd: Int) throws {
        let open = position
        var contentStart = openingEnd
        if bytes[openingEnd - 3] == UInt8(ascii: "-") {
            while contentStart < bytes.count && isSpace(bytes[contentStart]) { contentStart += 1 }
        }
        var scan = contentStart
        while scan + 1 < bytes.count {
            if bytes[scan] == UInt8(ascii: "{") && bytes[scan + 1] == UInt8(ascii: "%") {
                var inner = scan + 2
                let strip = inner < bytes.count && bytes[inner] == UInt8(ascii: "-")
                if inner < bytes.count, bytes[inner] == UInt8(ascii: "-") || bytes[inner] == UInt8(ascii: "+")
                {
                    inner += 1
                }
                while inner < bytes.count && isSpace(bytes[inner]) { inner += 1 }
                if matches("endraw", at: inner) {
                    inner += 6
                    while inner < bytes.count && isSpace(bytes[inner]) { inner += 1 }
                    var closeEnd: Int?
                    if matches("-%}", at: inner) {
                        closeEnd = inner + 3
                        stripNextData = true
                    } else if matches("+%}", at: inner) {
                        closeEnd = inner + 3
                    } else if matches("%}", at: inner) {
                        closeEnd = inner + 2
                    }
                    if let closeEnd {
                        var contentEnd = scan
                        if strip {
                            while contentEnd > contentStart && isSpace(bytes[contentEnd - 1]) {
                                contentEnd -= 1
                            }
                        }
                        if contentEnd > contentStart {
                            tokens.append(
                                Token(
                                    kind: .data(text(contentStart, contentEnd)),
                                    span: SourceSpan(start: contentStart, end: contentEnd)))
                        }
                        position = closeEnd
                        return
                    }
                }
            }
            scan += 1
        }
        throw TemplateError.syntax(
            "missing end of raw directive", file: file, span: SourceSpan(start: open, end: openingEnd),
            code: "J0103")
    }

    // MARK: - Inside `{{ }}` and `{% %}`

    private mutating func lexTag(begin: Token.Kind, closing: UInt8, end: Token.Kind) throws {
        let open = position
        position += 2
        if position < bytes.count,
            bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")
        {
            position += 1
        }
        tokens.append(Token(kind: begin, span: SourceSpan(start: open, end: position)))
        var balance: [UInt8] = []
        while true {
            while position < bytes.count && isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count else {
                let what = begin == .blockBegin ? "block" : "variable"
                throw TemplateError.syntax(
                    "unexpected end of template, expected end of \(what == "block" ? "statement block" : "print statement")",
                    file: file, span: .at(bytes.count),
                    notes: [
                        Diagnostic.Note(
                            "the tag was opened here", file: file,
                            span: SourceSpan(start: open, end: open + 2))
                    ],
                    code: "J0104")
            }
            let byte = bytes[position]
            if balance.isEmpty {
                if byte == closing, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "}") {
                    tokens.append(Token(kind: end, span: SourceSpan(start: position, end: position + 2)))
                    position += 2
                    return
                }
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"), position + 2 < bytes.count,
                    bytes[position + 1] == closing, bytes[position + 2] == UInt8(ascii: "}")
                {
                    tokens.append(Token(kind: end, span: SourceSpan(start: position, end: position + 3)))
                    stripNextData = byte == UInt8(ascii: "-")
                    position += 3
                    return
                }
            }
            try lexExpressionToken(balance: &balance)
        }
    }

    private mutating func lexExpressionToken(balance: inout [UInt8]) throws {
        let start = position
        let byte = bytes[position]
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            return try lexString(quote: byte)
        }
        if isDigit(byte) { return lexNumber() }
        if isNameStart(at: position) {
            while position < bytes.count && isNameContinue(at: position) { advanceScalar() }
            tokens.append(
                Token(kind: .name(text(start, position)), span: SourceSpan(start: start, end: position)))
            return
        }
        if let op = operatorAt(position) {
            position += op.utf8.count
            switch op {
            case "(": balance.append(UInt8(ascii: ")"))
            case "[": balance.append(UInt8(ascii: "]"))
            case "{": balance.append(UInt8(ascii: "}"))
            case ")", "]", "}":
                let expected = op.utf8.first
                if balance.last != expected {
                    let message =
                        balance.isEmpty
                        ? "unexpected '\(op)'"
                        : "unexpected '\(op)', expected '\(Character(Unicode.Scalar(balance[balance.count - 1])))'"
                    throw TemplateError.syntax(
                        message, file: file, span: SourceSpan(start: start, end: position))
                }
                balance.removeLast()
            default: break
            }
            tokens.append(Token(kind: .op(op), span: SourceSpan(start: start, end: position)))
            return
        }
        advanceScalar()
        let character = text(start, position)
        throw TemplateError.syntax(
            "unexpected char \(pyStringRepr(character)) at \(start)", file: file,
            span: SourceSpan(start: start, end: position))
    }

    /// The operator at `offset`, the longer where two share a first character (`//` over `/`,
    /// `**` over `*`, `==` over `=`...).
    private func operatorAt(_ offset: Int) -> String? {
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        switch bytes[offset] {
        case UInt8(ascii: "/"): return next == UInt8(ascii: "/") ? "//" : "/"
        case UInt8(ascii: "*"): return next == UInt8(ascii: "*") ? "**" : "*"
        case UInt8(ascii: "="): return next == UInt8(ascii: "=") ? "==" : "="
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? "!=" : nil
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? ">=" : ">"
        case UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? "<=" : "<"
        case UInt8(ascii: "+"): return "+"
        case UInt8(ascii: "-"): return "-"
        case UInt8(ascii: "%"): return "%"
        case UInt8(ascii: "~"): return "~"
        case UInt8(ascii: "["): return "["
        case UInt8(ascii: "]"): return "]"
        case UInt8(ascii: "("): return "("
        case UInt8(ascii: ")"): return ")"
        case UInt8(ascii: "{"): return "{"
        case UInt8(ascii: "}"): return "}"
        case UInt8(ascii: "."): return "."
        case UInt8(ascii: ":"): return ":"
        case UInt8(ascii: "|"): return "|"
        case UInt8(ascii: ","): return ","
        case UInt8(ascii: ";"): return ";"
        default: return nil
        }
    }

    private mutating func lexString(quote: UInt8) throws {
        let start = position
        position += 1
        var raw: [UInt8] = []
        while position < bytes.count && bytes[position] != quote {
            if bytes[position] == UInt8(ascii: "\\") && position + 1 < bytes.count {
                raw.append(bytes[position])
                position += 1
            }
            raw.append(bytes[position])
            position += 1
        }
        guard position < bytes.count else {
            throw TemplateError.syntax(
                "unexpected char \(pyStringRepr(String(UnicodeScalar(quote)))) at \(start)", file: file,
                span: SourceSpan(start: start, end: start + 1),
                notes: [Diagnostic.Note("the string is never closed")])
        }
        position += 1
        let value = Lexer.decodeEscapes(String(decoding: raw, as: UTF8.self))
        tokens.append(Token(kind: .string(value), span: SourceSpan(start: start, end: position)))
    }

    /// Python's `unicode-escape` decoding, which Jinja2 applies to string literals: known escapes
    /// are replaced and unknown ones (`\d`) are kept with their backslash.
    static func decodeEscapes(_ raw: String) -> String {
        guard raw.containsUTF8(UInt8(ascii: "\\")) else { return raw }
        var out = String.UnicodeScalarView()
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        func hexValue(_ count: Int, from start: Int) -> UInt32? {
            guard start + count <= scalars.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[start..<start + count])), radix: 16)
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "\\", i + 1 < scalars.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = scalars[i + 1]
            i += 2
            switch e {
            case "\n": break
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "x", "u", "U":
                let width = e == "x" ? 2 : (e == "u" ? 4 : 8)
                if let code = hexValue(width, from: i), let scalar = Unicode.Scalar(code) {
                    out.append(scalar)
                    i += width
                } else {
                    out.append("\\")
                    out.append(e)
                }
            case "0"..."7":
                var code = e.value - 48
                var digits = 1
                while digits < 3, i < scalars.count, ("0"..."7").contains(scalars[i]) {
                    code = code * 8 + scalars[i].value - 48
                    i += 1
                    digits += 1
                }
                out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default:
                out.append("\\")
                out.append(e)
            }
        }
        return String(out)
    }

    private mutating func lexNumber() {
        let start = position
        func digits(_ accept: (UInt8) -> Bool) {
            while position < bytes.count,
                accept(bytes[position])
                    || (bytes[position] == UInt8(ascii: "_") && position + 1 < bytes.count
                        && accept(bytes[position + 1]))
            {
                position += 1
            }
        }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count {
            let radixByte = bytes[position + 1] | 0x20
            let radix =
                radixByte == UInt8(ascii: "x")
                ? 16 : radixByte == UInt8(ascii: "o") ? 8 : radixByte == UInt8(ascii: "b") ? 2 : 0
            if radix != 0, position + 2 < bytes.count, Lexer.isDigit(bytes[position + 2], radix: radix) {
                position += 2
                let digitsStart = position
                digits { Lexer.isDigit($0, radix: radix) }
                let literal = text(digitsStart, position).filter { $0 != "_" }
                tokens.append(
                    Token(
                        kind: .integer(BigInt(literal, radix: radix) ?? 0),
                        span: SourceSpan(start: start, end: position)))
                return
            }
        }
        digits(isDigit)
        var isFloat = false
        let integerEnd = position
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
            isFloat = true
            position += 1
            digits(isDigit)
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            var look = position + 1
            if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") {
                look += 1
            }
            if look < bytes.count, isDigit(bytes[look]) {
                isFloat = true
                position = look
                digits(isDigit)
            }
        }
        if !isFloat && bytes[start] == UInt8(ascii: "0") {
            // Like Python, an integer may not have leading zeros: `007` lexes as `00` then `7`,
            // which the parser rejects.
            position = start
            while position < integerEnd,
                bytes[position] == UInt8(ascii: "0") || bytes[position] == UInt8(ascii: "_")
            { position += 1 }
            while position > start + 1, bytes[position - 1] == UInt8(ascii: "_") { position -= 1 }
        }
        let literal = text(start, position).filter { $0 != "_" }
        let span = SourceSpan(start: start, end: position)
        if isFloat {
            tokens.append(Token(kind: .float(Double(literal) ?? 0), span: span))
        } else {
            tokens.append(Token(kind: .integer(BigInt(literal) ?? 0), span: span))
        }
    }

    // MARK: - Bytes

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func matches(_ literal: String, at offset: Int) -> Bool {
        var i = offset
        for byte in literal.utf8 {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
        }
        return true
    }

    /// Whitespace control strips what Python's `\s` matches: Unicode whitespace, not only ASCII.
    private func isUnicodeSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    private func trimmingTrailingSpace(from start: Int, to end: Int) -> Int {
        var end = end
        while end > start {
            if isSpace(bytes[end - 1]) {
                end -= 1
                continue
            }
            guard bytes[end - 1] >= 0x80 else { break }
            var lead = end - 1
            while lead > start && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let scalar = scalar(at: lead), isUnicodeSpace(scalar) else { break }
            end = lead
        }
        return end
    }

    private func trimmingLeadingSpace(from start: Int, to end: Int) -> Int {
        var start = start
        while start < end {
            if isSpace(bytes[start]) {
                start += 1
                continue
            }
            guard bytes[start] >= 0x80, let scalar = scalar(at: start), isUnicodeSpace(scalar) else { break }
            start += String(scalar).utf8.count
        }
        return start
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch radix {
        case 2: return byte == 0x30 || byte == 0x31
        case 8: return byte >= 0x30 && byte <= 0x37
        default:
            let lower = byte | 0x20
            return (byte >= 0x30 && byte <= 0x39)
                || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
        }
    }

    private func scalar(at offset: Int) -> Unicode.Scalar? {
        let byte = bytes[offset]
        if byte < 0x80 { return Unicode.Scalar(byte) }
        var length = 2
        if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 }
        guard offset + length <= bytes.count else { return nil }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self).unicodeScalars.first
    }

    private mutating func advanceScalar() {
        let byte = bytes[position]
        position += byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        position = min(position, bytes.count)
    }

    /// Python identifiers: a letter or underscore, then letters, digits, underscores.
    private func isNameStart(at offset: Int) -> Bool {
        let byte = bytes[offset]
        if byte < 0x80 {
            return (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: "_")
        }
        return scalar(at: offset)?.properties.isXIDStart ?? false
    }

    private func isNameContinue(at offset: Int) -> Bool {
        let byte = bytes[offset]
        if byte < 0x80 { return isDigit(byte) || isNameStart(at: offset) }
        return scalar(at: offset)?.properties.isXIDContinue ?? false
    }
}
