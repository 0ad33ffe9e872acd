/// Python's `html.unescape`: named (HTML5, including the legacy bare names such as `&amp`)
/// and numeric character references become the characters they stand for.
enum HTMLEntities {
    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for line in HTMLEntityData.named.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { continue }
            var view = String.UnicodeScalarView()
            for hex in fields[1].split(separator: ",") {
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    view.append(scalar)
                }
            }
            table[String(fields[0])] = String(view)
        }
        return table
    }()

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "&", let (replacement, length) = reference(scalars, at: i + 1) else {
                out.append(scalars[i])
                i += 1
                continue
            }
            out.append(contentsOf: replacement.unicodeScalars)
            i += 1 + length
        }
        return String(out)
    }

    /// Matches `#[0-9]+;?`, `#[xX][0-9a-fA-F]+;?` or `[^\t\n\f <&#;]{1,32};?` after an `&`;
    /// returns the replacement and how many characters it covers.
    private static func reference(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard start < scalars.count else { return nil }
        var end = start
        if scalars[start] == "#" {
            end += 1
            var radix: UInt32 = 10
            if end < scalars.count, scalars[end] == "x" || scalars[end] == "X" {
                radix = 16
                end += 1
            }
            let digitsStart = end
            var number: UInt32 = 0
            while end < scalars.count, let digit = digitValue(scalars[end], radix: radix) {
                number = Swift.min(number * radix + digit, 0x110000)
                end += 1
            }
            guard end > digitsStart else { return nil }
            if end < scalars.count, scalars[end] == ";" { end += 1 }
            return (numericReference(number), end - start)
        }
        let excluded: Set<Unicode.Scalar> = ["\t", "\n", "\u{0C}", " ", "<", "&", "#", ";"]
        while end < scalars.count, end - start < 32, !excluded.contains(scalars[end]) { end += 1 }
        guard end > start else { return nil }
        if end < scalars.count, scalars[end] == ";" { end += 1 }
        let name = PyText.string(scalars[start..<end])
        if let value = table[name] { return (value, end - start) }
        // The longest known prefix (a legacy bare name such as `&copy`) followed by the rest.
        let nameScalars = Array(name.unicodeScalars)
        var length = nameScalars.count - 1
        while length > 1 {
            if let value = table[PyText.string(nameScalars[..<length])] {
                return (value + PyText.string(nameScalars[length...]), end - start)
            }
            length -= 1
        }
        return ("&" + name, end - start)
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x61...0x66 where radix == 16: return scalar.value - 0x61 + 10
        case 0x41...0x46 where radix == 16: return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    private static func numericReference(_ number: UInt32) -> String {
        if let replaced = HTMLEntityData.replacedCharacterReferences[number],
            let scalar = Unicode.Scalar(replaced)
        {
            return String(scalar)
        }
        if (0xD800...0xDFFF).contains(number) || number > 0x10FFFF { return "\u{FFFD}" }
        if HTMLEntityData.ignoredCodePoints.contains(where: { $0.contains(number) }) { return "" }
        return Unicode.Scalar(number).map { String($0) } ?? "\u{FFFD}"
    }
}
