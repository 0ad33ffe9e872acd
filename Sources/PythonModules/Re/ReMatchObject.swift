import Foundation
import Jinja

/// `re.Match`: `{{ m.group(1) }}`, `m.start()`, `m.groupdict()`.
final class ReMatchObject: JinjaObject {
    let pattern: RePatternObject
    let subject: RegexSubject
    /// Per group (0 is the whole match): its UTF-16 range, nil when the group did not take part.
    let ranges: [NSRange?]
    let pos: Int
    let endpos: Int

    init(pattern: RePatternObject, subject: RegexSubject, result: NSTextCheckingResult, pos: Int, endpos: Int)
    {
        self.pattern = pattern
        self.subject = subject
        ranges = (0...pattern.regex.groupCount).map { index in
            let range =
                index < result.numberOfRanges
                ? result.range(at: index) : NSRange(location: NSNotFound, length: 0)
            return range.location == NSNotFound ? nil : range
        }
        self.pos = pos
        self.endpos = endpos
    }

    var typeName: String { "re.Match" }

    var pyRepr: String {
        let whole = text(0) ?? ""
        var quoted = pyStringRepr(whole)
        // `%.50R`: the repr cut to 50 code points.
        if quoted.unicodeScalars.count > 50 {
            quoted = String(String.UnicodeScalarView(quoted.unicodeScalars.prefix(50)))
        }
        let (start, end) = span(0)
        return "<re.Match object; span=(\(start), \(end)), match=\(quoted)>"
    }

    func text(_ group: Int) -> String? { ranges[group].map(subject.substring) }

    func value(_ group: Int, default fallback: Value = .none) -> Value {
        text(group).map(Value.string) ?? fallback
    }

    func span(_ group: Int) -> (Int, Int) {
        guard let range = ranges[group] else { return (-1, -1) }
        return (subject.codePoint(range.location), subject.codePoint(range.location + range.length))
    }

    /// A group by number or name, with `IndexError: no such group`.
    func groupIndex(_ key: Value) throws -> Int {
        switch key {
        case .int, .bool:
            if let index = key.intValue, index >= 0, index <= pattern.regex.groupCount { return index }
        case .string(let name):
            if let index = pattern.regex.groupIndex(name) { return index }
        default:
            break
        }
        throw PyError.value("no such group")
    }

    /// Python's `lastindex`: the last group to close. ICU does not say; the group ending last,
    /// the outermost on a tie, is the same answer for the patterns templates write.
    var lastIndex: Int? {
        var best: (index: Int, end: Int)?
        for index in 1..<max(ranges.count, 1) {
            guard let range = ranges[index] else { continue }
            let end = range.location + range.length
            if best == nil || end > best?.end ?? 0 { best = (index, end) }
        }
        return best?.index
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "group":
            return .method(name) { arguments in
                if !arguments.keywords.isEmpty {
                    throw PyError.type("Match.group() takes no keyword arguments")
                }
                let keys = arguments.positional.isEmpty ? [Value.int(0)] : arguments.positional
                let values = try keys.map { self.value(try self.groupIndex($0)) }
                return values.count == 1 ? values[0] : .tuple(values)
            }
        case "groups":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["default"], function: name)
                let fallback = bound[0] ?? .none
                return .tuple(
                    (0..<self.pattern.regex.groupCount).map { self.value($0 + 1, default: fallback) })
            }
        case "groupdict":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["default"], function: name)
                let fallback = bound[0] ?? .none
                return .dict(
                    self.pattern.regex.groupNames.map { ($0.name, self.value($0.index, default: fallback)) })
            }
        case "start", "end", "span":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["group"], function: name)
                let (start, end) = self.span(try self.groupIndex(bound[0] ?? .int(0)))
                switch name {
                case "start": return .int(start)
                case "end": return .int(end)
                default: return .tuple([.int(start), .int(end)])
                }
            }
        case "expand":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["template"], required: 1, function: name)
                let template = try ReplacementTemplate(
                    try PyConvert.string(bound[0] ?? .none, "expand() argument 1"), regex: self.pattern.regex)
                return .string(template.expand(self))
            }
        case "string": return .string(subject.string)
        case "re": return .object(pattern)
        case "pos": return .int(pos)
        case "endpos": return .int(endpos)
        case "lastindex": return lastIndex.map(Value.int) ?? Value.none
        case "lastgroup":
            guard let index = lastIndex,
                let name = pattern.regex.groupNames.first(where: { $0.index == index })
            else { return Value.none }
            return .string(name.name)
        case "regs":
            return .tuple(
                ranges.indices.map { index in
                    let (start, end) = self.span(index)
                    return .tuple([.int(start), .int(end)])
                })
        default: return nil
        }
    }

    /// `m[1]`, `m['name']`.
    /// Jinja2 turns the `IndexError` of an unknown group into an undefined value.
    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let index = try? groupIndex(key) else { return nil }
        return value(index)
    }
}
