import Diagnostics
import Foundation

/// Where in a model's file a column is produced, found by reading its raw code: the last
/// `as <name>` (an alias wins over a mention), else the first place the name is written as a
/// word. A column that only comes through `select *` or a macro has no such place.
enum ColumnOrigin {
    /// The identifier-like words of each file, lower-cased, built once per file.
    final class WordIndex: @unchecked Sendable {
        private var words: [String: Set<Substring>] = [:]
        private let lock = NSLock()

        /// Whether the file has `word` (lower-cased) as a word.
        func contains(_ word: String, in file: SourceFile) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if words[file.name] == nil { words[file.name] = Self.words(of: file.text) }
            return words[file.name]?.contains(Substring(word)) ?? false
        }

        static func words(of text: String) -> Set<Substring> {
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
                return Set(text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") })
            }
            // ASCII text (the usual model) split on its bytes, without Unicode properties.
            let lower = String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            return Set(lower.utf8.split { byte in
                !(byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A))
            }.map { Substring($0) })
        }
    }

    static func span(of column: String, in code: String) -> SourceSpan? {
        let name = Array(column.utf8)
        guard !name.isEmpty, name.allSatisfy({ $0 < 0x80 }) else { return patternSpan(of: column, in: code) }
        // An ASCII name (nearly all of them) is looked for byte by byte, with what the patterns
        // of `patternSpan` say: compiling two regular expressions per column took most of the
        // check's time on a large project.
        var code = code
        let start: Int? = code.withUTF8 { text in
            func isWord(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || isLetter(byte)
            }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            /// Whether the name is at `position`, case aside, and no word character follows it.
            func nameAt(_ position: Int) -> Bool {
                guard position + name.count <= text.count else { return false }
                for (offset, byte) in name.enumerated() {
                    let other = text[position + offset]
                    guard other == byte || (isLetter(byte) && other | 0x20 == byte | 0x20) else { return false }
                }
                let after = position + name.count
                return after == text.count || !isWord(text[after])
            }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            // The last `as <name>` (the name maybe quoted), `as` starting a word.
            var alias: Int?
            var position = 0
            while position + 2 < text.count {
                defer { position += 1 }
                guard text[position] | 0x20 == UInt8(ascii: "a"), text[position + 1] | 0x20 == UInt8(ascii: "s"),
                    // `\b`: a letter beyond ASCII is a word character too.
                    position == 0 || !(isWord(text[position - 1]) || text[position - 1] >= 0x80)
                else { continue }
                var cursor = position + 2
                guard cursor < text.count, isSpace(text[cursor]) else { continue }
                while cursor < text.count, isSpace(text[cursor]) { cursor += 1 }
                if cursor < text.count, text[cursor] == UInt8(ascii: "\"") || text[cursor] == UInt8(ascii: "`"),
                    nameAt(cursor + 1)
                {
                    alias = cursor + 1
                } else if nameAt(cursor) {
                    alias = cursor
                }
            }
            if let alias { return alias }
            // Else the first mention not preceded by a word character or a dot.
            for position in 0..<text.count where nameAt(position) {
                if position == 0 { return position }
                let before = text[position - 1]
                if !isWord(before), before != UInt8(ascii: ".") { return position }
            }
            return nil
        }
        return start.map { SourceSpan(start: $0, end: $0 + name.count) }
    }

    /// The same search as regular expressions, for names beyond ASCII.
    static func patternSpan(of column: String, in code: String) -> SourceSpan? {
        let name = NSRegularExpression.escapedPattern(for: column)
        let quoted = "[\"`]?\(name)[\"`]?"
        for (pattern, useLast) in [("\\bas\\s+\(quoted)(?![A-Za-z0-9_])", true), ("(?<![A-Za-z0-9_.])\(name)(?![A-Za-z0-9_])", false)] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            let matches = regex.matches(in: code, range: NSRange(code.startIndex..., in: code))
            guard let match = useLast ? matches.last : matches.first, let range = Range(match.range, in: code) else { continue }
            // Point at the name itself, not at `as`.
            let text = code[range]
            let nameStart = text.range(of: column, options: [.caseInsensitive, .backwards])?.lowerBound ?? range.lowerBound
            let start = code.utf8.distance(from: code.utf8.startIndex, to: nameStart.samePosition(in: code.utf8) ?? code.utf8.startIndex)
            return SourceSpan(start: start, end: start + column.utf8.count)
        }
        return nil
    }
}
