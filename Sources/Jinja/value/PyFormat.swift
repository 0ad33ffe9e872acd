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
            } else if scalar.value < 0x100 {
                out += "\\x" + hex(scalar.value, width: 2)
            } else if scalar.value < 0x10000 {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out += "\\U" + hex(scalar.value, width: 8)
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Rejects widths no real template needs before they allocate gigabytes; Python would try.
    static func checkWidth(_ width: Int) throws {
        if width > maxWidth {
            throw RuntimeFailure.limit("a format width or precision of \(width) is more than \(maxWidth)")
        }
    }

    static let maxWidth = 1 << 24
}
