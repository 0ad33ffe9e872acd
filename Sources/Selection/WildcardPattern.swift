/// A shell-style wildcard pattern, matched as Python's `fnmatch.fnmatchcase` matches (which is
/// what dbt's selectors use on POSIX): `*` any run of characters (`/` and `.` included), `?` one
/// character, `[seq]`/`[!seq]` one character in or not in a set with `a-z` ranges. A `[` without
/// its `]` is a literal, and the match is case-sensitive and covers the whole text.
struct WildcardPattern: Sendable, Hashable {
    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case anyCharacter
        case anyRun
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .literal(let expected): return scalar == expected
            case .anyCharacter: return true
            case .anyRun: return false
            case .set(let negated, let ranges):
                return ranges.contains { $0.contains(scalar.value) } != negated
            }
        }
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?":
                tokens.append(.anyCharacter)
            case "[":
                if let (set, next) = Self.parseSet(scalars, from: index) {
                    tokens.append(set)
                    index = next
                } else {
                    tokens.append(.literal("["))
                }
            default:
                tokens.append(.literal(scalar))
            }
        }
        self.tokens = tokens
    }

    /// Whether `text` contains one of the characters that make a dbt selector value a pattern.
    static func hasWildcard(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "]" }
    }

    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var token = 0
        var position = 0
        // The last `*` seen and where in the text it started matching: on a mismatch the `*`
        // takes one more character and matching resumes after it (no exponential backtracking,
        // because every other token matches exactly one character).
        var lastRun: (token: Int, position: Int)?
        while position < scalars.count {
            if token < tokens.count, tokens[token] == .anyRun {
                lastRun = (token, position)
                token += 1
            } else if token < tokens.count, tokens[token].matches(scalars[position]) {
                token += 1
                position += 1
            } else if let run = lastRun {
                lastRun = (run.token, run.position + 1)
                token = run.token + 1
                position = run.position + 1
            } else {
                return false
            }
        }
        while token < tokens.count, tokens[token] == .anyRun { token += 1 }
        return token == tokens.count
    }

    /// Parses the inside of `[...]` starting just after the `[`: an optional `!`, then a `]` that
    /// is taken literally when it comes first, up to the closing `]`. Nil when it never closes.
    private static func parseSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var index = start
        let negated = index < scalars.count && scalars[index] == "!"
        if negated { index += 1 }
        let contentStart = index
        if index < scalars.count, scalars[index] == "]" { index += 1 }
        while index < scalars.count, scalars[index] != "]" { index += 1 }
        guard index < scalars.count else { return nil }
        let content = Array(scalars[contentStart..<index])
        var ranges: [ClosedRange<UInt32>] = []
        var i = 0
        while i < content.count {
            if i + 2 < content.count, content[i + 1] == "-" {
                // Python drops reversed ranges such as `z-a`: they match nothing.
                let low = content[i].value
                let high = content[i + 2].value
                if low <= high { ranges.append(low...high) }
                i += 3
            } else {
                ranges.append(content[i].value...content[i].value)
                i += 1
            }
        }
        // `[!]`-style sets with nothing inside cannot occur (the `]` would be literal); an empty
        // range list after dropping reversed ranges matches nothing, or anything when negated.
        return (.set(negated: negated, ranges: ranges), index + 1)
    }
}
