import Foundation
import Jinja

/// `re.Pattern`, what `re.compile` returns; the module's functions compile and call these methods.
final class RePatternObject: JinjaObject, @unchecked Sendable {
    let regex: PythonRegex
    private let lock = NSLock()
    private var fullMatchExpression: NSRegularExpression?
    private var nonEmptyExpression: NSRegularExpression?

    init(_ regex: PythonRegex) { self.regex = regex }

    var typeName: String { "re.Pattern" }

    /// `re.compile('a+', re.IGNORECASE)`: the flags Python names, without the implied `re.UNICODE`.
    var pyRepr: String {
        var quoted = pyStringRepr(regex.pattern)
        if quoted.unicodeScalars.count > 200 {
            quoted = String(String.UnicodeScalarView(quoted.unicodeScalars.prefix(200)))
        }
        let names = [
            (1, "re.TEMPLATE"), (2, "re.IGNORECASE"), (4, "re.LOCALE"), (8, "re.MULTILINE"),
            (16, "re.DOTALL"),
            (32, "re.UNICODE"), (64, "re.VERBOSE"), (128, "re.DEBUG"), (256, "re.ASCII"),
        ]
        var flags = regex.flags
        if flags & PythonRegex.Flag.unicode != 0 { flags &= ~PythonRegex.Flag.unicode }
        guard flags != 0 else { return "re.compile(\(quoted))" }
        var parts = names.filter { flags & $0.0 != 0 }.map(\.1)
        let rest = flags & ~names.reduce(0) { $0 | $1.0 }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return "re.compile(\(quoted), \(parts.joined(separator: "|")))"
    }

    func isEqual(to other: Value) -> Bool? {
        guard let other = other.object(RePatternObject.self) else { return nil }
        return regex.pattern == other.regex.pattern && regex.flags == other.regex.flags
    }

    enum Anchor {
        case search, match, fullMatch
    }

    /// One `search`, `match` or `fullmatch` from `pos` to `endpos` (code points), as Python: the
    /// string is cut at `endpos`; `^` does not match at `pos` unless it starts a line.
    func find(_ string: String, pos: Int = 0, endpos: Int? = nil, anchor: Anchor) -> ReMatchObject? {
        var subject = RegexSubject(string)
        let start = subject.clamp(pos)
        let end = subject.clamp(endpos ?? subject.count)
        guard start <= end else { return nil }
        if end < subject.count {
            subject = RegexSubject(String(String.UnicodeScalarView(string.unicodeScalars.prefix(end))))
        }
        let expression = anchor == .fullMatch ? fullMatch() : regex.expression
        var options: NSRegularExpression.MatchingOptions = anchor == .search ? [] : [.anchored]
        if start > 0 { options.formUnion([.withTransparentBounds, .withoutAnchoringBounds]) }
        let from = subject.utf16(start)
        let range = NSRange(location: from, length: subject.utf16Count - from)
        guard let result = expression.firstMatch(in: subject.string, options: options, range: range) else {
            return nil
        }
        return ReMatchObject(pattern: self, subject: subject, result: result, pos: start, endpos: end)
    }

    /// Every non-overlapping match, as `finditer` yields them; `limit` stops early (`count` of `sub`).
    ///
    /// Python's search loop, not ICU's: after an empty match at a position, a non-empty match may
    /// still start there (`re.findall('|a', 'ab')` is `['', 'a', '', '']`).
    func findAll(_ string: String, pos: Int = 0, endpos: Int? = nil, limit: Int = 0) -> [ReMatchObject] {
        var subject = RegexSubject(string)
        let start = subject.clamp(pos)
        let end = subject.clamp(endpos ?? subject.count)
        guard start <= end else { return [] }
        if end < subject.count {
            subject = RegexSubject(String(String.UnicodeScalarView(string.unicodeScalars.prefix(end))))
        }
        let length = subject.utf16Count
        var matches: [ReMatchObject] = []
        var position = subject.utf16(start)
        var afterEmpty = false
        func add(_ result: NSTextCheckingResult) {
            matches.append(
                ReMatchObject(pattern: self, subject: subject, result: result, pos: start, endpos: end))
            position = result.range.location + result.range.length
            afterEmpty = result.range.length == 0
        }
        while position <= length && (limit <= 0 || matches.count < limit) {
            if afterEmpty {
                let range = NSRange(location: position, length: length - position)
                if position < length,
                    let result = nonEmpty().firstMatch(
                        in: subject.string, options: [.anchored, .withTransparentBounds], range: range)
                {
                    add(result)
                    continue
                }
                if position >= length { break }
                position = subject.utf16(subject.codePoint(position) + 1)
            }
            var options: NSRegularExpression.MatchingOptions = []
            if position > 0 { options = [.withTransparentBounds, .withoutAnchoringBounds] }
            let range = NSRange(location: position, length: length - position)
            guard let result = regex.expression.firstMatch(in: subject.string, options: options, range: range)
            else {
                break
            }
            add(result)
        }
        return matches
    }

    /// The pattern made to refuse an empty match at the start of the search range: with
    /// anchoring bounds, `^` (multiline off) holds only there.
    private func nonEmpty() -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let nonEmptyExpression { return nonEmptyExpression }
        let expression =
            (try? NSRegularExpression(
                pattern: "(?:" + regex.icuPattern + ")(?-m:(?!^))", options: regex.options))
            ?? regex.expression
        nonEmptyExpression = expression
        return expression
    }

    private func fullMatch() -> NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let fullMatchExpression { return fullMatchExpression }
        let expression =
            (try? NSRegularExpression(pattern: "(?:" + regex.icuPattern + ")\\z", options: regex.options))
            ?? regex.expression
        fullMatchExpression = expression
        return expression
    }

    /// `sub`/`subn`: a template string or a callable taking the match.
    func substitute(_ replacement: Value, _ string: String, count: Int, _ context: CallContext) throws -> (
        String, Int
    ) {
        let template: ReplacementTemplate?
        if case .string(let text) = replacement {
            template = try ReplacementTemplate(text, regex: regex)
        } else if case .undefined(let undefined) = replacement {
            throw RuntimeFailure.undefined(undefined.message)
        } else {
            template = nil
        }
        let subject = RegexSubject(string)
        let matches = findAll(string, limit: max(count, 0))
        var output = ""
        var last = 0
        for match in matches {
            guard let range = match.ranges[0] else { continue }
            output += subject.substring(NSRange(location: last, length: range.location - last))
            if let template {
                output += template.expand(match)
            } else {
                let result = try context.call(replacement, Arguments([.object(match)]))
                guard case .string(let text) = result else {
                    throw PyError.type("expected str instance, \(result.typeName) found")
                }
                output += text
            }
            last = range.location + range.length
        }
        output += subject.substring(NSRange(location: last, length: subject.utf16Count - last))
        return (output, matches.count)
    }

    /// `split`: pieces between matches, with the groups' texts between them (None when unmatched).
    func split(_ string: String, maxsplit: Int) -> [Value] {
        if maxsplit < 0 { return [.string(string)] }
        let subject = RegexSubject(string)
        var pieces: [Value] = []
        var last = 0
        for match in findAll(string, limit: maxsplit) {
            guard let range = match.ranges[0] else { continue }
            pieces.append(.string(subject.substring(NSRange(location: last, length: range.location - last))))
            for group in 0..<regex.groupCount { pieces.append(match.value(group + 1)) }
            last = range.location + range.length
        }
        pieces.append(.string(subject.substring(NSRange(location: last, length: subject.utf16Count - last))))
        return pieces
    }

    /// `findall`: whole matches, the one group, or tuples of all groups ('' when unmatched).
    func findAllValues(_ string: String, pos: Int, endpos: Int?) -> [Value] {
        findAll(string, pos: pos, endpos: endpos).map { match in
            switch regex.groupCount {
            case 0: return match.value(0)
            case 1: return match.value(1, default: .emptyString)
            default: return .tuple((1...regex.groupCount).map { match.value($0, default: .emptyString) })
            }
        }
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "pattern": return .string(regex.pattern)
        case "flags": return .int(regex.flags)
        case "groups": return .int(regex.groupCount)
        case "groupindex": return .dict(regex.groupNames.map { ($0.name, .int($0.index)) })
        case "match", "search", "fullmatch":
            let anchor: Anchor = name == "match" ? .match : name == "search" ? .search : .fullMatch
            return .method(name) { arguments in
                let bound = try CArguments(
                    arguments, ["string", "pos", "endpos"], required: 1, function: name)
                let string = try ReModule.subject(bound[0])
                let match = self.find(
                    string, pos: try bound[1].map(PyConvert.int) ?? 0,
                    endpos: try bound[2].map(PyConvert.int),
                    anchor: anchor)
                return match.map { .object($0) } ?? .none
            }
        case "findall", "finditer":
            return .method(name) { arguments in
                let bound = try CArguments(
                    arguments, ["string", "pos", "endpos"], required: 1, function: name)
                let string = try ReModule.subject(bound[0])
                let pos = try bound[1].map(PyConvert.int) ?? 0
                let endpos = try bound[2].map(PyConvert.int)
                if name == "findall" { return .list(self.findAllValues(string, pos: pos, endpos: endpos)) }
                return .list(self.findAll(string, pos: pos, endpos: endpos).map { .object($0) })
            }
        case "sub", "subn":
            return .function(name) { arguments, context in
                let bound = try CArguments(
                    arguments, ["repl", "string", "count"], required: 2, function: name)
                let string = try ReModule.subject(bound[1])
                let (text, count) = try self.substitute(
                    bound[0] ?? .none, string, count: try bound[2].map(PyConvert.int) ?? 0, context)
                return name == "sub" ? .string(text) : .tuple([.string(text), .int(count)])
            }
        case "split":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["string", "maxsplit"], required: 1, function: name)
                return .list(
                    self.split(try ReModule.subject(bound[0]), maxsplit: try bound[1].map(PyConvert.int) ?? 0)
                )
            }
        default: return nil
        }
    }
}
