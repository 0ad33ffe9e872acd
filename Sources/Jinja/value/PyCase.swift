/// Python's full case mappings over a string's code points.
enum PyCase {
    static let capitalSigma: Unicode.Scalar = "\u{03A3}"

    /// `str.lower()`, including the final-sigma rule Swift's `lowercased()` lacks.
    static func lower(_ s: String) -> String {
        guard s.unicodeScalars.contains(capitalSigma) else { return s.lowercased() }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for index in scalars.indices { appendLower(scalars, index, to: &out) }
        return String(out)
    }

    static func upper(_ s: String) -> String { s.uppercased() }

    /// Appends the lowercase mapping of `scalars[index]`; a capital sigma becomes final `ς`
    /// when it ends a cased word, as CPython's `handle_capital_sigma` decides.
    static func appendLower(_ scalars: [Unicode.Scalar], _ index: Int, to out: inout String.UnicodeScalarView)
    {
        let scalar = scalars[index]
        guard scalar == capitalSigma else {
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            return
        }
        out.append(isFinalSigma(scalars, index) ? "\u{03C2}" : "\u{03C3}")
    }

    private static func isFinalSigma(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0 && scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0 && scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count && scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }

    /// `str.casefold()`. Swift has no case-folding table; full case folding equals lowercasing
    /// the uppercase mapping except for Cherokee (which folds to uppercase), dotless `ı` and
    /// capital sharp s. Checked against Python over every code point.
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0131:
                out.append(scalar)
            case 0x1E9E:
                out.append(contentsOf: "ss".unicodeScalars)
            case 0x13A0...0x13F5:
                out.append(scalar)
            case 0x13F8...0x13FD, 0xAB70...0xABBF:
                out.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
            default:
                for upper in scalar.properties.uppercaseMapping.unicodeScalars {
                    out.append(contentsOf: upper.properties.lowercaseMapping.unicodeScalars)
                }
            }
        }
        return String(out)
    }

    /// `str.title()`: a character after a cased one is lowercased, any other is titlecased,
    /// so `"they're"` becomes `"They'Re"` as in Python.
    static func title(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var previousIsCased = false
        for index in scalars.indices {
            let scalar = scalars[index]
            if previousIsCased {
                appendLower(scalars, index, to: &out)
            } else {
                out.append(contentsOf: scalar.properties.titlecaseMapping.unicodeScalars)
            }
            previousIsCased = scalar.properties.isCased
        }
        return String(out)
    }

    /// `str.capitalize()`: the first character titlecased (Python 3.8+), the rest lowercased.
    static func capitalize(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for index in scalars.indices {
            if index == 0 {
                out.append(contentsOf: scalars[0].properties.titlecaseMapping.unicodeScalars)
            } else {
                appendLower(scalars, index, to: &out)
            }
        }
        return String(out)
    }

    /// `str.swapcase()`: uppercase characters lowered, lowercase ones uppercased.
    static func swapcase(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for index in scalars.indices {
            let properties = scalars[index].properties
            if properties.isUppercase {
                appendLower(scalars, index, to: &out)
            } else if properties.isLowercase {
                out.append(contentsOf: properties.uppercaseMapping.unicodeScalars)
            } else {
                out.append(scalars[index])
            }
        }
        return String(out)
    }

    /// `str.istitle()`: uppercase/titlecase only after uncased characters, lowercase only
    /// after cased ones, and at least one cased character.
    static func isTitle(_ s: String) -> Bool {
        var cased = false
        var previousIsCased = false
        for scalar in s.unicodeScalars {
            let properties = scalar.properties
            if properties.isUppercase || scalar.isPythonTitle {
                if previousIsCased { return false }
                previousIsCased = true
                cased = true
            } else if properties.isLowercase {
                if !previousIsCased { return false }
                previousIsCased = true
                cased = true
            } else {
                previousIsCased = false
            }
        }
        return cased
    }

    /// `str.islower()`/`str.isupper()`: no character of the other case (titlecase counts as
    /// other) and at least one of this case.
    static func isAll(_ s: String, lower: Bool) -> Bool {
        var cased = false
        for scalar in s.unicodeScalars {
            let properties = scalar.properties
            let (this, other) =
                lower
                ? (properties.isLowercase, properties.isUppercase)
                : (properties.isUppercase, properties.isLowercase)
            if other || scalar.isPythonTitle { return false }
            if this { cased = true }
        }
        return cased
    }
}
