import Foundation

/// Jinja2's `utils.urlize`: finds URLs and email addresses in whitespace-separated words of
/// the HTML-escaped text and wraps them in links.
struct Urlizer {
    let trimLimit: Int?
    let rel: String?
    let target: String?
    let extraSchemes: [String]

    /// The body of a class for Python's `\w` (ICU's `\w` would also match combining marks).
    private static let word = "\\p{L}\\p{N}_"
    /// Python's `\S`: anything but the characters `str.isspace` accepts.
    private static let nonSpace =
        "[^\\t\\n\\x{0B}\\x{0C}\\r\\x{1C}-\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]"

    /// `_http_re`.
    private static let http: NSRegularExpression? = {
        let pattern =
            "^("
            + "(https?://|www\\.)(([\(word)%\\-]+\\.)+)?([a-z]{2,63}|xn--[\(word)%]{2,59})"
            + "|([\(word)%\\-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
            + "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}\\]))"
            + ")(?::[\\d]{1,5})?(?:[/?#]\(nonSpace)*)?$"
        return try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }()

    /// `_email_re`.
    private static let email = try? NSRegularExpression(
        pattern: "^\(nonSpace)+@[\(word)][\(word).\\-]*\\.[\(word)]+$")

    /// `_uri_scheme_re`, which `extra_schemes` entries must match.
    private static let scheme = try? NSRegularExpression(pattern: "^([\(word).+\\-]{2,}:(/){0,2})$")

    static func isValidScheme(_ text: String) -> Bool { matches(scheme, text) }

    private static func matches(_ regex: NSRegularExpression?, _ text: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            != nil
    }

    func urlize(_ text: String) -> String {
        let relAttribute = rel.map { " rel=\"\(PyText.htmlEscape($0))\"" } ?? ""
        let targetAttribute = target.map { $0.isEmpty ? "" : " target=\"\(PyText.htmlEscape($0))\"" } ?? ""
        var out = ""
        for word in Self.splitKeepingWhitespace(PyText.htmlEscape(text)) {
            guard let first = word.unicodeScalars.first, !first.isPythonSpace else {
                out += word
                continue
            }
            var (head, middle, tail) = Self.splitPunctuation(word)
            if Self.matches(Self.http, middle) {
                let href =
                    middle.hasPrefix("https://") || middle.hasPrefix("http://") ? middle : "https://" + middle
                middle = "<a href=\"\(href)\"\(relAttribute)\(targetAttribute)>\(trim(middle))</a>"
            } else if middle.hasPrefix("mailto:"), Self.matches(Self.email, String(middle.dropFirst(7))) {
                middle = "<a href=\"\(middle)\">\(middle.dropFirst(7))</a>"
            } else if middle.contains("@"), !middle.hasPrefix("www."), !middle.hasPrefix("@"),
                !middle.contains(":"),
                Self.matches(Self.email, middle)
            {
                middle = "<a href=\"mailto:\(middle)\">\(middle)</a>"
            } else {
                for scheme in extraSchemes where middle != scheme && middle.hasPrefix(scheme) {
                    middle = "<a href=\"\(middle)\"\(relAttribute)\(targetAttribute)>\(middle)</a>"
                }
            }
            head += middle
            out += head + tail
        }
        return out
    }

    private func trim(_ url: String) -> String {
        guard let trimLimit, url.unicodeScalars.count > trimLimit else { return url }
        return PyText.string(url.unicodeScalars.prefix(Swift.max(0, trimLimit))) + "..."
    }

    /// `re.split(r"(\s+)", text)`: words and the whitespace runs between them.
    private static func splitKeepingWhitespace(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var inSpace = false
        for scalar in text.unicodeScalars {
            let space = scalar.isPythonSpace
            if space != inSpace && !current.isEmpty {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
            }
            inSpace = space
            current.append(scalar)
        }
        if !current.isEmpty { pieces.append(String(current)) }
        return pieces
    }

    /// Separates leading `(`, `<`, `&lt;` and trailing `)`, `>`, `.`, `,`, `&gt;` from a word,
    /// then moves closing brackets back into the URL where they balance opening ones.
    private static func splitPunctuation(_ word: String) -> (String, String, String) {
        var head = ""
        var middle = word
        while true {
            if let opener = ["(", "<", "&lt;"].first(where: { middle.hasPrefix($0) }) {
                head += opener
                middle = String(middle.dropFirst(opener.count))
            } else {
                break
            }
        }
        var tail = ""
        while true {
            if let closer = [")", ">", ".", ",", "\n", "&gt;"].first(where: { middle.hasSuffix($0) }) {
                tail = closer + tail
                middle = String(middle.dropLast(closer.count))
            } else {
                break
            }
        }
        for (open, close) in [("(", ")"), ("<", ">"), ("&lt;", "&gt;")] {
            let openCount = occurrences(of: open, in: middle)
            guard openCount > occurrences(of: close, in: middle) else { continue }
            for _ in 0..<Swift.min(openCount, occurrences(of: close, in: tail)) {
                guard let range = tail.range(of: close) else { break }
                middle += tail[..<range.upperBound]
                tail = String(tail[range.upperBound...])
            }
        }
        return (head, middle, tail)
    }

    private static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
