/// Python's character classes and case mappings, one code point at a time.
///
/// Python's `str` is a sequence of code points, so its predicates and mappings are per scalar,
/// not per grapheme cluster as Swift's `Character` APIs are.
extension Unicode.Scalar {
    /// `str.isspace()`: Unicode White_Space plus the information separators U+001C...U+001F,
    /// which Python counts through their bidirectional class.
    @usableFromInline var isPythonSpace: Bool {
        if value < 0x80 { return (0x09...0x0D).contains(value) || (0x1C...0x20).contains(value) }
        return properties.isWhitespace
    }

    /// The line boundaries of `str.splitlines()` (`\r\n` is handled by the caller).
    var isPythonLineBreak: Bool {
        switch value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    var isPythonAlpha: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    var isPythonDecimal: Bool { properties.numericType == .decimal }

    var isPythonDigit: Bool {
        properties.numericType == .decimal || properties.numericType == .digit
    }

    var isPythonNumeric: Bool { properties.numericType != nil }

    var isPythonAlnum: Bool { isPythonAlpha || isPythonNumeric }

    var isPythonTitle: Bool { properties.generalCategory == .titlecaseLetter }
}

extension StringProtocol {
    /// The text without its leading and trailing whitespace, as Python's `str.strip()` gives it.
    /// (Inlinable, so that it is specialized to `String` and `Substring`: generic, slicing
    /// looked types up at run time, for every file of a project.)
    @inlinable public var pythonStripped: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isPythonSpace }),
            let last = scalars.lastIndex(where: { !$0.isPythonSpace })
        else { return Substring() }
        return Substring(self[first...last])
    }
}
