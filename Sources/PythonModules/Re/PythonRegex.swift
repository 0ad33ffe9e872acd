import Foundation
import Jinja

/// A Python regular expression translated for ICU (`NSRegularExpression`).
///
/// Python's `re` and ICU agree on most syntax; this rewrites where they differ and reports
/// Python's `re.error` messages for the mistakes templates make. Named groups become plain
/// capturing groups (ICU only accepts ASCII names), and the names are kept here.
struct PythonRegex {
    /// Python's flag values.
    enum Flag {
        static let ignoreCase = 2
        static let locale = 4
        static let multiline = 8
        static let dotAll = 16
        static let unicode = 32
        static let verbose = 64
        static let debug = 128
        static let ascii = 256
    }

    let pattern: String
    /// The flags as `Pattern.flags` reports them: the caller's, inline ones, and `re.UNICODE`.
    let flags: Int
    let expression: NSRegularExpression
    /// The ICU pattern, for building the `fullmatch` variant.
    let icuPattern: String
    let options: NSRegularExpression.Options
    let groupCount: Int
    /// Group names in the order they appear, with their numbers.
    let groupNames: [(name: String, index: Int)]

    func groupIndex(_ name: String) -> Int? { groupNames.first { $0.name == name }?.index }

    init(_ pattern: String, flags callerFlags: Int) throws {
        if callerFlags & Flag.locale != 0 { throw PyError.value("cannot use LOCALE flag with a str pattern") }
        var translator = Translator(Array(pattern.unicodeScalars), flags: callerFlags)
        let icu = try translator.translate()
        var flags = translator.flags
        if flags & Flag.ascii != 0 && flags & Flag.unicode != 0 {
            throw PyError.value("ASCII and UNICODE flags are incompatible")
        }
        if flags & Flag.ascii == 0 { flags |= Flag.unicode }
        var options: NSRegularExpression.Options = [.useUnixLineSeparators]
        if flags & Flag.ignoreCase != 0 { options.insert(.caseInsensitive) }
        if flags & Flag.multiline != 0 { options.insert(.anchorsMatchLines) }
        if flags & Flag.dotAll != 0 { options.insert(.dotMatchesLineSeparators) }
        do {
            // ICU rejects an empty pattern; Python's matches the empty string everywhere.
            expression = try NSRegularExpression(pattern: icu.isEmpty ? "(?:)" : icu, options: options)
        } catch {
            throw PyError.regex("unsupported regular expression \(pyStringRepr(pattern))")
        }
        self.pattern = pattern
        self.icuPattern = icu.isEmpty ? "(?:)" : icu
        self.options = options
        self.flags = flags
        self.groupCount = translator.groupCount
        self.groupNames = translator.groupNames
    }
}

/// The rewrite, one pass over the pattern's code points.
private struct Translator {
    let source: [Unicode.Scalar]
    var position = 0
    var flags: Int
    var output = ""
    var groupCount = 0
    var groupNames: [(name: String, index: Int)] = []
    /// Per open parenthesis: whether it is a capturing group (its number) and the verbose state
    /// to restore when it closes.
    var openGroups: [(index: Int?, verbose: Bool, start: Int)] = []
    var verbose: Bool
    /// Whether the last thing emitted can take a quantifier.
    var canRepeat = false

    init(_ source: [Unicode.Scalar], flags: Int) {
        self.source = source
        self.flags = flags
        self.verbose = flags & PythonRegex.Flag.verbose != 0
    }

    var ascii: Bool { flags & PythonRegex.Flag.ascii != 0 }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < source.count ? source[position + offset] : nil
    }

    mutating func translate() throws -> String {
        try leadingGlobalFlags()
        while let c = peek() {
            let start = position
            position += 1
            switch c {
            case "\\":
                output += try escape(start: start, inClass: false)
                canRepeat = true
            case "[":
                output += try characterClass(start: start)
                canRepeat = true
            case "(":
                try openGroup(start: start)
            case ")":
                guard let group = openGroups.popLast() else {
                    throw PyError.regex("unbalanced parenthesis", at: start)
                }
                verbose = group.verbose
                output += ")"
                canRepeat = true
            case "{":
                if let quantifier = try repetition(start: start) {
                    output += quantifier
                    try lazyOrPossessive()
                } else {
                    output += "\\{"
                    canRepeat = true
                }
            case "*", "+", "?":
                guard canRepeat else { throw PyError.regex("nothing to repeat", at: start) }
                output.unicodeScalars.append(c)
                canRepeat = false
                try lazyOrPossessive()
            case "|":
                output += "|"
                canRepeat = false
            case "^", "$":
                output.unicodeScalars.append(c)
                canRepeat = false
            case ".":
                output += "."
                canRepeat = true
            case "#" where verbose:
                while let next = peek(), next != "\n" { position += 1 }
            case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}":
                if !verbose { output += literal(c) }
            default:
                output += literal(c)
                canRepeat = true
            }
        }
        if let open = openGroups.last {
            throw PyError.regex("missing ), unterminated subpattern", at: open.start)
        }
        return output
    }

    /// Python's flags letters, as in `(?aiLmsux)`.
    static func flagValue(_ letter: Unicode.Scalar) -> Int? {
        switch letter {
        case "a": return PythonRegex.Flag.ascii
        case "i": return PythonRegex.Flag.ignoreCase
        case "L": return PythonRegex.Flag.locale
        case "m": return PythonRegex.Flag.multiline
        case "s": return PythonRegex.Flag.dotAll
        case "u": return PythonRegex.Flag.unicode
        case "x": return PythonRegex.Flag.verbose
        default: return nil
        }
    }

    /// `(?i)` at the start sets flags for the whole pattern (Python 3.11 allows them only there).
    mutating func leadingGlobalFlags() throws {
        while peek() == "(", peek(1) == "?", let first = peek(2), Translator.flagValue(first) != nil {
            var offset = 2
            var value = 0
            while let letter = peek(offset), let flag = Translator.flagValue(letter) {
                value |= flag
                offset += 1
            }
            guard peek(offset) == ")" else { return }
            if value & PythonRegex.Flag.locale != 0 {
                throw PyError.regex(
                    "bad inline flags: cannot use 'L' flag with a str pattern", at: position + offset)
            }
            flags |= value
            verbose = flags & PythonRegex.Flag.verbose != 0
            position += offset + 1
        }
    }

    /// A literal character, escaped so ICU reads it as itself.
    func literal(_ c: Unicode.Scalar) -> String {
        if c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" { return String(c) }
        return hex(c)
    }

    func hex(_ c: Unicode.Scalar) -> String { "\\x{" + String(c.value, radix: 16) + "}" }

    mutating func lazyOrPossessive() throws {
        if let next = peek(), next == "?" || next == "+" {
            position += 1
            output.unicodeScalars.append(next)
        }
        if let next = peek(), next == "*" || next == "+" || next == "?" || next == "{" {
            if next == "{" {
                let save = position
                position += 1
                if try repetition(start: save, dryRun: true) != nil {
                    throw PyError.regex("multiple repeat", at: save)
                }
                position = save
            } else {
                throw PyError.regex("multiple repeat", at: position)
            }
        }
        canRepeat = false
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}`, `{,}` after `{`; nil (and nothing consumed) when the brace is literal.
    mutating func repetition(start: Int, dryRun: Bool = false) throws -> String? {
        if peek() == "}" { return nil }
        var offset = 0
        var low = ""
        var high = ""
        while let d = peek(offset), ("0"..."9").contains(d) {
            low.unicodeScalars.append(d)
            offset += 1
        }
        var hasComma = false
        if peek(offset) == "," {
            hasComma = true
            offset += 1
            while let d = peek(offset), ("0"..."9").contains(d) {
                high.unicodeScalars.append(d)
                offset += 1
            }
        } else {
            high = low
        }
        guard peek(offset) == "}" else { return nil }
        if dryRun { return "" }
        guard canRepeat else { throw PyError.regex("nothing to repeat", at: start) }
        position += offset + 1
        let minimum = Int(low) ?? 0
        if let maximum = Int(high), maximum < minimum {
            throw PyError.regex("min repeat greater than max repeat", at: start + 1)
        }
        if !hasComma { return "{\(minimum)}" }
        return high.isEmpty ? "{\(minimum),}" : "{\(minimum),\(high)}"
    }

    mutating func openGroup(start: Int) throws {
        guard peek() == "?" else {
            groupCount += 1
            openGroups.append((groupCount, verbose, start))
            output += "("
            canRepeat = false
            return
        }
        position += 1
        guard let kind = peek() else { throw PyError.regex("unexpected end of pattern", at: position) }
        switch kind {
        case "P":
            position += 1
            if peek() == "<" {
                position += 1
                let nameStart = position
                let name = try groupName(terminator: ">")
                if let existing = groupNames.first(where: { $0.name == name }) {
                    throw PyError.regex(
                        "redefinition of group name \(pyStringRepr(name)) as group \(groupCount + 1); was group \(existing.index)",
                        at: nameStart)
                }
                groupCount += 1
                groupNames.append((name, groupCount))
                openGroups.append((groupCount, verbose, start))
                output += "("
            } else if peek() == "=" {
                position += 1
                let nameStart = position
                let name = try groupName(terminator: ")")
                guard let index = groupNames.first(where: { $0.name == name })?.index else {
                    throw PyError.regex("unknown group name \(pyStringRepr(name))", at: nameStart)
                }
                output += "(?:\\\(index))"
                canRepeat = true
                return
            } else {
                let what = peek().map { "?P" + String($0) } ?? "?P"
                throw PyError.regex("unknown extension \(what)", at: start + 1)
            }
        case ":", "=", "!", ">":
            position += 1
            openGroups.append((nil, verbose, start))
            output += "(?" + String(kind)
        case "<":
            position += 1
            guard let next = peek(), next == "=" || next == "!" else {
                let what = peek().map { "?<" + String($0) } ?? "?<"
                throw PyError.regex("unknown extension \(what)", at: start + 1)
            }
            position += 1
            openGroups.append((nil, verbose, start))
            output += "(?<" + String(next)
        case "#":
            while let c = peek(), c != ")" { position += 1 }
            guard peek() == ")" else { throw PyError.regex("missing ), unterminated comment", at: start) }
            position += 1
            return
        case "(":
            throw PyError.regex("conditional groups are not supported", at: start + 1)
        default:
            try scopedFlags(start: start)
            return
        }
        canRepeat = false
    }

    /// `(?i:...)`, `(?-i:...)`: ICU knows i, m, s and x; Python's `a` and `u` are accepted as no-ops.
    mutating func scopedFlags(start: Int) throws {
        var on = ""
        var off = ""
        var turningOff = false
        var verboseHere = verbose
        while let c = peek(), c != ":" && c != ")" {
            if c == "-" {
                turningOff = true
            } else if let flag = Translator.flagValue(c) {
                if flag == PythonRegex.Flag.verbose { verboseHere = !turningOff }
                if "ims".unicodeScalars.contains(c) {
                    if turningOff { off.unicodeScalars.append(c) } else { on.unicodeScalars.append(c) }
                }
            } else {
                throw PyError.regex("unknown extension ?\(c)", at: start + 1)
            }
            position += 1
        }
        guard peek() == ":" else {
            if peek() == ")" {
                throw PyError.regex("global flags not at the start of the expression", at: start)
            }
            throw PyError.regex("missing -, : or )", at: position)
        }
        position += 1
        openGroups.append((nil, verbose, start))
        verbose = verboseHere
        output += "(?" + on + (off.isEmpty ? "" : "-" + off) + ":"
        canRepeat = false
    }

    /// A group name up to `terminator`; Python requires an identifier.
    mutating func groupName(terminator: Unicode.Scalar) throws -> String {
        let start = position
        var name = ""
        while let c = peek(), c != terminator {
            name.unicodeScalars.append(c)
            position += 1
        }
        guard peek() == terminator else {
            throw PyError.regex("missing \(terminator), unterminated name", at: start)
        }
        position += 1
        if name.isEmpty { throw PyError.regex("missing group name", at: start) }
        guard isIdentifier(name) else {
            throw PyError.regex("bad character in group name \(pyStringRepr(name))", at: start)
        }
        return name
    }

    /// An escape outside (`inClass` false) or inside a character class, as ICU text.
    mutating func escape(start: Int, inClass: Bool) throws -> String {
        guard let c = peek() else { throw PyError.regex("bad escape (end of pattern)", at: start) }
        position += 1
        switch c {
        case "d", "D", "w", "W", "s", "S":
            return classEscape(c, inClass: inClass)
        case "b":
            return inClass ? hex("\u{08}") : "\\b"
        case "A", "B", "Z":
            if inClass { throw PyError.regex("bad escape \\\(c)", at: start) }
            return c == "Z" ? "\\z" : "\\" + String(c)
        case "a": return hex("\u{07}")
        case "f": return hex("\u{0C}")
        case "n": return hex("\n")
        case "r": return hex("\r")
        case "t": return hex("\t")
        case "v": return hex("\u{0B}")
        case "x", "u", "U":
            let width = c == "x" ? 2 : c == "u" ? 4 : 8
            var digits = ""
            while digits.unicodeScalars.count < width, let d = peek(), d.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(d)
                position += 1
            }
            guard digits.unicodeScalars.count == width, let value = UInt32(digits, radix: 16),
                let scalar = Unicode.Scalar(value)
            else {
                throw PyError.regex("incomplete escape \\\(c)\(digits)", at: start)
            }
            return hex(scalar)
        case "N":
            // ICU reads `\N{name}` itself.
            guard peek() == "{" else { throw PyError.regex("missing {", at: position) }
            var name = ""
            position += 1
            while let d = peek(), d != "}" {
                name.unicodeScalars.append(d)
                position += 1
            }
            guard peek() == "}", !name.isEmpty else {
                throw PyError.regex("missing }, unterminated name", at: start + 3)
            }
            position += 1
            return "\\N{" + name + "}"
        case "0"..."9":
            return try numericEscape(c, start: start, inClass: inClass)
        default:
            if c.isASCII && (c.properties.isAlphabetic) {
                throw PyError.regex("bad escape \\\(c)", at: start)
            }
            return literal(c)
        }
    }

    /// `\0`, octal `\141`, or a back reference `\1` to `\99`.
    mutating func numericEscape(_ first: Unicode.Scalar, start: Int, inClass: Bool) throws -> String {
        func isOctal(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."7").contains($0) } ?? false }
        var digits = String(first)
        if first == "0" || inClass {
            guard isOctal(first) else { throw PyError.regex("bad escape \\\(first)", at: start) }
            while digits.count < 3, isOctal(peek()), let d = peek() {
                digits.unicodeScalars.append(d)
                position += 1
            }
            return try octal(digits, start: start)
        }
        if let second = peek(), ("0"..."9").contains(second) {
            if isOctal(first), isOctal(second), isOctal(peek(1)), let third = peek(1) {
                position += 2
                return try octal(digits + String(second) + String(third), start: start)
            }
            digits.unicodeScalars.append(second)
            position += 1
        }
        guard let index = Int(digits), index <= groupCount,
            !openGroups.contains(where: { $0.index == index })
        else {
            let index = Int(digits) ?? 0
            if openGroups.contains(where: { $0.index == index }) {
                throw PyError.regex("cannot refer to an open group", at: start)
            }
            throw PyError.regex("invalid group reference \(index)", at: start + 1)
        }
        return "(?:\\\(index))"
    }

    func octal(_ digits: String, start: Int) throws -> String {
        guard let value = UInt32(digits, radix: 8), value <= 0o377, let scalar = Unicode.Scalar(value) else {
            throw PyError.regex("octal escape value \\\(digits) outside of range 0-0o377", at: start)
        }
        return hex(scalar)
    }

    /// `\d \w \s` and their negations: Python's Unicode classes (`\w` is letters, numbers and `_`),
    /// or ASCII ones under `re.ASCII`. Inside a class they are nested sets, which ICU allows.
    func classEscape(_ c: Unicode.Scalar, inClass: Bool) -> String {
        let negated = c == "D" || c == "W" || c == "S"
        let body: String
        switch c {
        case "d", "D": body = ascii ? "0-9" : "\\p{Nd}"
        case "w", "W": body = ascii ? "a-zA-Z0-9_" : "\\p{L}\\p{N}_"
        default:
            body =
                ascii
                ? "\\x{9}-\\x{d}\\x{20}"
                : "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
        }
        return "[" + (negated ? "^" : "") + body + "]"
    }

    /// `[...]`: every member spelled so ICU cannot read it as set syntax (`[`, `&&`, `--`).
    mutating func characterClass(start: Int) throws -> String {
        var text = "["
        if peek() == "^" {
            position += 1
            text += "^"
        }
        var first = true
        while true {
            guard let c = peek() else { throw PyError.regex("unterminated character set", at: start) }
            if c == "]" && !first {
                position += 1
                return text + "]"
            }
            first = false
            let itemStart = position
            let (low, lowText) = try classItem()
            if peek() == "-", let after = peek(1), after != "]" {
                position += 1
                let (high, highText) = try classItem()
                guard let low, let high else {
                    let rangeText = String(source[itemStart..<position].map(Character.init))
                    throw PyError.regex("bad character range \(rangeText)", at: itemStart)
                }
                guard low.value <= high.value else {
                    let rangeText = String(source[itemStart..<position].map(Character.init))
                    throw PyError.regex("bad character range \(rangeText)", at: itemStart)
                }
                text += lowText + "-" + highText
            } else {
                text += lowText
            }
        }
    }

    /// One member of a class: a single character (returned, for ranges) or a class escape.
    mutating func classItem() throws -> (Unicode.Scalar?, String) {
        guard let c = peek() else { throw PyError.regex("unterminated character set", at: position) }
        let start = position
        position += 1
        if c == "\\" {
            let text = try escape(start: start, inClass: true)
            if text.hasPrefix("\\x{"), let value = UInt32(text.dropFirst(3).dropLast(), radix: 16) {
                return (Unicode.Scalar(value), text)
            }
            return (nil, text)
        }
        return (c, hex(c))
    }
}

/// Python's `str.isidentifier()`, near enough: a letter or `_`, then letters, digits or `_`.
private func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isXIDStart else {
        return false
    }
    return name.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
}
