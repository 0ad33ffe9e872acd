import Foundation

/// Python's `textwrap.TextWrapper` as Jinja2's `wordwrap` configures it: no tab expansion,
/// whitespace kept as it is, no indents, whitespace dropped at line ends.
struct TextWrapper {
    let width: Int
    let breakLongWords: Bool
    let breakOnHyphens: Bool

    /// `TextWrapper.wordsep_re`, with Python's `\w` (letters, numbers, underscore) and
    /// `[^\d\W]` spelled out because ICU's `\w` also matches combining marks.
    private static let wordSeparator: NSRegularExpression? = {
        let whitespace = "[\\t\\n\\x{0B}\\x{0C}\\r\\x{20}]"
        let nonWhitespace = "[^\\t\\n\\x{0B}\\x{0C}\\r\\x{20}]"
        let word = "[\\p{L}\\p{N}_]"
        let wordPunct = "[\\p{L}\\p{N}_!\"'&.,?]"
        let letter = "[\\p{L}\\p{Nl}\\p{No}_]"
        let pattern =
            "("
            + "\(whitespace)+"
            + "|(?<=\(wordPunct))-{2,}(?=\(word))"
            + "|\(nonWhitespace)+?(?:"
            + "-(?:(?<=\(letter){2}-)|(?<=\(letter)-\(letter)-))(?=\(letter)-?\(letter))"
            + "|(?=\(whitespace)|\\z)"
            + "|(?<=\(wordPunct))(?=-{2,}\(word))"
            + "))"
        return try? NSRegularExpression(pattern: pattern)
    }()

    private static let simpleSeparator = try? NSRegularExpression(
        pattern: "([\\t\\n\\x{0B}\\x{0C}\\r\\x{20}]+)")

    /// `TextWrapper._split`: words, whitespace runs and (with `breakOnHyphens`) hyphenated parts.
    func chunks(_ text: String) -> [String] {
        guard let regex = breakOnHyphens ? Self.wordSeparator : Self.simpleSeparator else { return [text] }
        let ns = text as NSString
        var pieces: [String] = []
        var position = 0
        // `re.split` with one group: the text between matches, then each match.
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
        where match.range.length > 0 {
            pieces.append(
                ns.substring(with: NSRange(location: position, length: match.range.location - position)))
            pieces.append(ns.substring(with: match.range))
            position = match.range.location + match.range.length
        }
        pieces.append(ns.substring(from: position))
        return pieces.filter { !$0.isEmpty }
    }

    /// `TextWrapper.wrap`: the lines, each at most `width` characters where words allow.
    func wrap(_ text: String) throws -> [String] {
        guard width > 0 else { throw RuntimeFailure.value("invalid width \(width) (must be > 0)") }
        // Chunks as code-point arrays, reversed so the next one is at the end.
        var chunks = self.chunks(text).map { Array($0.unicodeScalars) }.reversed() as [[Unicode.Scalar]]
        let isBlank: ([Unicode.Scalar]) -> Bool = { $0.allSatisfy(\.isPythonSpace) }
        var lines: [String] = []
        while !chunks.isEmpty {
            var line: [[Unicode.Scalar]] = []
            var length = 0
            if let next = chunks.last, isBlank(next), !lines.isEmpty { chunks.removeLast() }
            while let next = chunks.last, length + next.count <= width {
                line.append(next)
                length += next.count
                chunks.removeLast()
            }
            if let next = chunks.last, next.count > width {
                handleLongWord(&chunks, &line, length)
                length = line.reduce(0) { $0 + $1.count }
            }
            if let last = line.last, isBlank(last) {
                length -= last.count
                line.removeLast()
            }
            if !line.isEmpty { lines.append(PyText.string(line.joined())) }
        }
        return lines
    }

    /// `TextWrapper._handle_long_word`: splits a word longer than a line, after its last
    /// fitting hyphen when `breakOnHyphens`.
    private func handleLongWord(
        _ chunks: inout [[Unicode.Scalar]], _ line: inout [[Unicode.Scalar]], _ length: Int
    ) {
        let spaceLeft = width < 1 ? 1 : width - length
        guard let chunk = chunks.last else { return }
        if breakLongWords {
            var end = spaceLeft
            if breakOnHyphens && chunk.count > spaceLeft {
                let head = chunk[..<Swift.min(spaceLeft, chunk.count)]
                if let hyphen = head.lastIndex(of: "-"), hyphen > 0,
                    chunk[..<hyphen].contains(where: { $0 != "-" })
                {
                    end = hyphen + 1
                }
            }
            line.append(Array(chunk[..<Swift.min(end, chunk.count)]))
            chunks[chunks.count - 1] = Array(chunk[Swift.min(end, chunk.count)...])
        } else if line.isEmpty {
            line.append(chunk)
            chunks.removeLast()
        }
    }
}
