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

        func contains(_ column: String, in file: SourceFile) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if words[file.name] == nil {
                let lower = file.text.lowercased()
                words[file.name] = Set(lower.split { !($0.isLetter || $0.isNumber || $0 == "_") })
            }
            return words[file.name]?.contains(Substring(column.lowercased())) ?? false
        }
    }

    static func span(of column: String, in code: String) -> SourceSpan? {
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
