import Foundation
import Jinja

/// A string being searched: ICU reports UTF-16 offsets, Python code-point offsets.
struct RegexSubject {
    let string: String
    let ns: NSString
    /// For each UTF-16 offset (and the end), the code-point offset; nil when they are the same.
    private let codePointAt: [Int]?
    private let utf16At: [Int]?
    let count: Int

    init(_ string: String) {
        self.string = string
        ns = string as NSString
        let utf16Count = string.utf16.count
        let scalarCount = string.unicodeScalars.count
        count = scalarCount
        if utf16Count == scalarCount {
            codePointAt = nil
            utf16At = nil
        } else {
            var codePoints = [Int](repeating: 0, count: utf16Count + 1)
            var utf16 = [Int](repeating: 0, count: scalarCount + 1)
            var offset = 0
            for (index, scalar) in string.unicodeScalars.enumerated() {
                utf16[index] = offset
                codePoints[offset] = index
                if scalar.value > 0xFFFF { codePoints[offset + 1] = index }
                offset += scalar.utf16.count
            }
            codePoints[utf16Count] = scalarCount
            utf16[scalarCount] = utf16Count
            codePointAt = codePoints
            utf16At = utf16
        }
    }

    var utf16Count: Int { ns.length }

    func codePoint(_ utf16Offset: Int) -> Int { codePointAt?[utf16Offset] ?? utf16Offset }

    func utf16(_ codePoint: Int) -> Int { utf16At?[codePoint] ?? codePoint }

    func substring(_ range: NSRange) -> String { ns.substring(with: range) }

    /// Python's clamping of `pos` and `endpos` to the string.
    func clamp(_ position: Int) -> Int { min(max(position, 0), count) }
}
