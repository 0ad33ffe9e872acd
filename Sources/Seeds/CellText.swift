/// A cell's text as Unicode scalar values, which is how agate sees it (Python strings are code
/// points). The parsers read it through `Scalars`, a borrowed view, so that testing a column
/// allocates and reference-counts nothing per cell; the buffer here is reused from cell to cell.
struct CellText {
    /// Never shorter than the longest cell loaded so far; the first `count` are the text.
    private var buffer = [UInt32](repeating: 0, count: 64)
    private var count = 0

    /// Decodes one field's UTF-8 bytes (always valid: they are cut from a Swift string at ASCII
    /// boundaries or around a whole delimiter scalar).
    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        // A scalar takes at least one byte, so the bytes' count is room enough.
        if buffer.count < bytes.count { buffer = [UInt32](repeating: 0, count: max(bytes.count, buffer.count * 2)) }
        count = buffer.withUnsafeMutableBufferPointer { scalars in
            var written = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = UInt32(bytes[index])
                if lead < 0x80 {
                    scalars[written] = lead
                    index += 1
                } else if lead < 0xE0, index + 1 < count {
                    scalars[written] = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0, index + 2 < count {
                    scalars[written] =
                        (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else if index + 3 < count {
                    scalars[written] =
                        (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                } else {
                    // Unreachable for valid UTF-8; keep a replacement character rather than trap.
                    scalars[written] = 0xFFFD
                    index += 1
                }
                written += 1
            }
            return written
        }
    }

    /// Runs `body` on the loaded text.
    func withScalars<Result>(_ body: (Scalars) throws -> Result) rethrows -> Result {
        try buffer.withUnsafeBufferPointer { try body(Scalars(rebasing: $0[..<count])) }
    }
}

/// A borrowed run of Unicode scalar values, with the few Python `str` operations agate applies
/// before it tests or casts a value.
typealias Scalars = UnsafeBufferPointer<UInt32>

extension UnsafeBufferPointer where Element == UInt32 {
    /// Python's `str.strip()`: without leading and trailing `isspace()` characters.
    func stripped() -> Scalars { trimming { Scalars.isSpace($0) } }

    /// Without leading and trailing characters for which `drop` holds (`str.strip(chars)`).
    func trimming(_ drop: (UInt32) -> Bool) -> Scalars {
        var start = 0
        var end = count
        while start < end, drop(self[start]) { start += 1 }
        while end > start, drop(self[end - 1]) { end -= 1 }
        return Scalars(rebasing: self[start..<end])
    }

    /// Without the first `count` scalars.
    func dropping(_ prefix: Int) -> Scalars { Scalars(rebasing: self[Swift.min(prefix, count)...]) }

    /// Whether this (already stripped) text is one of dbt's seed null values:
    /// `d.lower() in ("null", "")`, as every type of `build_type_tester` checks.
    var isNullMarker: Bool { isEmpty || equalsIgnoringASCIICase("null") }

    /// Python's `d.lower() == word`, optionally ignoring one character everywhere (agate's Boolean
    /// drops commas first). No non-ASCII character lower-cases to one of the ASCII letters of
    /// "null", "true" or "false", so folding ASCII letters only is exact for these words.
    func equalsIgnoringASCIICase(_ word: StaticString, skipping skipped: UInt32? = nil) -> Bool {
        word.withUTF8Buffer { expected in
            var position = 0
            for scalar in self where scalar != skipped {
                guard position < expected.count else { return false }
                let folded = scalar >= 0x41 && scalar <= 0x5A ? scalar + 0x20 : scalar
                if folded != UInt32(expected[position]) { return false }
                position += 1
            }
            return position == expected.count
        }
    }

    /// Python's `str.isspace()`: the characters with bidirectional class WS, B or S, or general
    /// category Zs (measured with CPython 3.11: `[c for c in range(0x110000) if chr(c).isspace()]`).
    /// Python's regex `\s` and `Decimal()`'s stripping use the same set.
    @inline(__always) static func isSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x1C...0x20: return true
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The value of a Unicode decimal digit (general category Nd), which Python's regex `\d`,
    /// `int()` and `Decimal()` all accept; nil for anything else.
    @inline(__always) static func decimalDigit(_ scalar: UInt32) -> Int? {
        if scalar < 0x80 { return scalar >= 0x30 && scalar <= 0x39 ? Int(scalar - 0x30) : nil }
        return nonASCIIDigit(scalar)
    }

    private static func nonASCIIDigit(_ scalar: UInt32) -> Int? {
        guard let unicode = Unicode.Scalar(scalar),
            unicode.properties.generalCategory == .decimalNumber,
            let value = unicode.properties.numericValue
        else { return nil }
        return Int(value)
    }

    /// An ASCII digit (what a regex class such as `[0-9]` matches), or nil.
    static func asciiDigit(_ scalar: UInt32) -> Int? {
        scalar >= 0x30 && scalar <= 0x39 ? Int(scalar - 0x30) : nil
    }
}
