extension StringProtocol {
    /// `split(separator:omittingEmptySubsequences:)` on an ASCII separator (`/`, `.`), read as
    /// UTF-8 bytes: the same pieces, without comparing `Character`s (grapheme breaking made
    /// splitting paths and dotted names a visible share of parsing a large project).
    @inlinable public func split(ascii separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        precondition(separator.isASCII, "split(ascii:) takes an ASCII separator")
        let byte = UInt8(separator.value)
        // The view taken once: reaching it through `self` at each byte retained the string each time.
        let bytes = utf8
        let end = bytes.endIndex
        var pieces: [SubSequence] = []
        var start = bytes.startIndex
        var position = start
        while position != end {
            if bytes[position] == byte {
                if !omittingEmptySubsequences || start != position { pieces.append(self[start..<position]) }
                start = bytes.index(after: position)
            }
            position = bytes.index(after: position)
        }
        if !omittingEmptySubsequences || start != end { pieces.append(self[start..<end]) }
        return pieces
    }
}
