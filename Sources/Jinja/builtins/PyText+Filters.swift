/// The `str` operations only the built-in filters need, next to the shared ones in `PyText`.
extension PyText {
    /// Python's regex `\w` for a `str` pattern: letters, numbers and the underscore.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.isPythonAlnum
    }

    /// Python's `str.split()` without arguments: runs of whitespace separate, ends are dropped.
    static func splitWhitespace(_ s: String) -> [String] {
        split(Array(s.unicodeScalars), nil, limit: Int.max)
    }

    /// Python's `str.strip(chars)`; nil strips whitespace.
    static func strip(_ s: String, _ chars: String? = nil) -> String {
        strip(s, chars.map { Set($0.unicodeScalars) }, left: true, right: true)
    }

    /// Python's `str.center(width)`, which puts the odd space on the left when `width` is odd.
    static func center(_ s: String, _ width: Int) -> String {
        let length = s.unicodeScalars.count
        guard width > length else { return s }
        let margin = width - length
        let left = margin / 2 + (margin & width & 1)
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: margin - left)
    }

    /// markupsafe's `escape`: `&`, `<`, `>`, `"` and `'` become HTML entities.
    static func htmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
