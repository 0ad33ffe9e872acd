/// Python's two string-formatting mechanisms: `format % args` (in `PyFormat+Percent.swift`)
/// and `str.format` (in `PyFormat+Format.swift`), with the `format()` mini-language both
/// rely on for numbers (in `PyFormat+Spec.swift`).
enum PyFormat {
    /// Python's `repr()` as formatting sees it. Jinja2's `Undefined` has its own repr, which
    /// `'%r' % missing` and `'{!r}'.format(missing)` print.
    static func repr(_ value: Value) -> String {
        if case .undefined = value { return "Undefined" }
        return value.pyRepr
    }

    /// Python's `ascii()`: `repr()` with non-ASCII characters escaped.
    static func ascii(_ value: Value) -> String {
        var out = ""
        for scalar in repr(value).unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                out += pyHexEscape(scalar)
            }
        }
        return out
    }

    /// Rejects widths no real template needs before they allocate gigabytes; Python would try.
    static func checkWidth(_ width: Int) throws {
        if width > maxWidth {
            throw RuntimeFailure.limit("a format width or precision of \(width) is more than \(maxWidth)")
        }
    }

    static let maxWidth = 1 << 24
}
