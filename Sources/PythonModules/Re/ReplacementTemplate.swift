import Jinja

/// A `re.sub` replacement string parsed as Python's `_parser.parse_template` does: `\1`, `\g<1>`,
/// `\g<name>`, the escapes `\n \t ...`, other escaped punctuation kept with its backslash.
struct ReplacementTemplate {
    enum Piece {
        case literal(String)
        case group(Int)
    }

    let pieces: [Piece]

    init(_ template: String, regex: PythonRegex) throws {
        let source = Array(template.unicodeScalars)
        var pieces: [Piece] = []
        var literal = ""
        var position = 0
        func flush() {
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
        }
        func addGroup(_ index: Int, at errorPosition: Int) throws {
            guard index <= regex.groupCount else {
                throw PyError.regex("invalid group reference \(index)", at: errorPosition)
            }
            flush()
            pieces.append(.group(index))
        }
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        func isOctal(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."7").contains($0) } ?? false }
        while position < source.count {
            let c = source[position]
            position += 1
            guard c == "\\" else {
                literal.unicodeScalars.append(c)
                continue
            }
            let start = position - 1
            guard position < source.count else {
                throw PyError.regex("bad escape (end of pattern)", at: start)
            }
            let e = source[position]
            position += 1
            switch e {
            case "g":
                guard position < source.count, source[position] == "<" else {
                    throw PyError.regex("missing <", at: position)
                }
                position += 1
                let nameStart = position
                var name = ""
                while position < source.count, source[position] != ">" {
                    name.unicodeScalars.append(source[position])
                    position += 1
                }
                if name.isEmpty { throw PyError.regex("missing group name", at: nameStart) }
                guard position < source.count else {
                    throw PyError.regex("missing >, unterminated name", at: nameStart)
                }
                position += 1
                if let index = regex.groupIndex(name) {
                    try addGroup(index, at: nameStart)
                } else if name.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let index = Int(name)
                {
                    try addGroup(index, at: nameStart)
                } else if let first = name.unicodeScalars.first, first == "_" || first.properties.isXIDStart {
                    throw PyError.value("unknown group name \(pyStringRepr(name))")
                } else {
                    throw PyError.regex("bad character in group name \(pyStringRepr(name))", at: nameStart)
                }
            case "0":
                var digits = ""
                while digits.count < 2, position < source.count, isOctal(source[position]) {
                    digits.unicodeScalars.append(source[position])
                    position += 1
                }
                let value = (UInt32(digits, radix: 8) ?? 0) & 0xFF
                literal.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
            case "1"..."9":
                var digits = String(e)
                if position < source.count, isDigit(source[position]) {
                    let second = source[position]
                    if isOctal(e), isOctal(second), position + 1 < source.count, isOctal(source[position + 1])
                    {
                        let octal = String(e) + String(second) + String(source[position + 1])
                        position += 2
                        guard let value = UInt32(octal, radix: 8), value <= 0o377,
                            let scalar = Unicode.Scalar(value)
                        else {
                            throw PyError.regex(
                                "octal escape value \\\(octal) outside of range 0-0o377", at: start)
                        }
                        literal.unicodeScalars.append(scalar)
                        continue
                    }
                    digits.unicodeScalars.append(second)
                    position += 1
                }
                try addGroup(Int(digits) ?? 0, at: start + 1)
            case "a": literal += "\u{07}"
            case "b": literal += "\u{08}"
            case "f": literal += "\u{0C}"
            case "n": literal += "\n"
            case "r": literal += "\r"
            case "t": literal += "\t"
            case "v": literal += "\u{0B}"
            case "\\": literal += "\\"
            default:
                if e.isASCII && e.properties.isAlphabetic {
                    throw PyError.regex("bad escape \\\(e)", at: start)
                }
                literal += "\\" + String(e)
            }
        }
        flush()
        self.pieces = pieces
    }

    /// The replacement for one match; groups that did not take part are empty.
    func expand(_ match: ReMatchObject) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): text += s
            case .group(let index): text += match.text(index) ?? ""
            }
        }
        return text
    }

    /// The template without group references, as a plain string (the fast path of `re.sub`).
    var plainText: String? {
        if pieces.isEmpty { return "" }
        if pieces.count == 1, case .literal(let s) = pieces[0] { return s }
        return nil
    }
}
