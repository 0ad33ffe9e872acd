extension StringProtocol {
    /// `split(separator:omittingEmptySubsequences:)` on an ASCII separator (`/`, `.`), read as
    /// UTF-8 bytes: the same pieces, without comparing `Character`s (grapheme breaking made
    /// splitting paths and dotted names a visible share of parsing a large project).
    @inlinable public func split(ascii separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        precondition(separator.isASCII, "split(ascii:) takes an ASCII separator")
        let byte = UInt8(separator.value)
        var pieces: [SubSequence] = []
        var start = utf8.startIndex
        var position = start
        while position != utf8.endIndex {
            if utf8[position] == byte {
                if !omittingEmptySubsequences || start != position { pieces.append(self[start..<position]) }
                start = utf8.index(after: position)
            }
            position = utf8.index(after: position)
        }
        if !omittingEmptySubsequences || start != utf8.endIndex { pieces.append(self[start..<utf8.endIndex]) }
        return pieces
    }
}
