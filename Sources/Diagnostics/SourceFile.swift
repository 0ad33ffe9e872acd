import Foundation

/// A named text whose byte offsets can be turned into line and column numbers.
///
/// Spans store byte offsets only; the line table is built the first time a line is asked for
/// (most files never need one: a 20 MB seed is read without it) and then shared by every copy.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    private let lines: LineTable

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lines = LineTable()
    }

    /// UTF-8 offsets at which each line starts; the first is always 0.
    private var lineStarts: [Int] { lines.starts(of: text) }

    /// The 1-based line and column (counted in characters) of a UTF-8 offset.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, text.utf8.count))
        let lineStarts = self.lineStarts
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let utf8 = text.utf8
        let startIndex = utf8.index(utf8.startIndex, offsetBy: lineStart)
        let endIndex = utf8.index(utf8.startIndex, offsetBy: clamped)
        let column = text[startIndex..<endIndex].count + 1
        return SourceLocation(line: low + 1, column: column)
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> Substring {
        let lineStarts = self.lineStarts
        guard line >= 1, line <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        var end =
            line < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return text[start..<end]
    }

    public var lineCount: Int { lineStarts.count }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 offsets into one source file.
public struct SourceSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static func at(_ offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }

    /// The smallest span covering both.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }
}

extension SourceFile {
    /// The UTF-8 offset of a 1-based line and a 1-based column counted in Unicode scalars (as
    /// libyaml reports them), clamped to the text.
    public func offset(line: Int, scalarColumn: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineCount else { return text.utf8.count }
        // Steps over the line's UTF-8 bytes a scalar at a time (its width is in its lead byte):
        // YAML and template positions are converted here by the hundred thousand.
        let utf8 = text.utf8
        var offset = offset(ofLine: line)
        var index = utf8.index(utf8.startIndex, offsetBy: offset)
        var remaining = scalarColumn - 1
        while remaining > 0, index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            let width = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            offset += width
            index = utf8.index(index, offsetBy: width)
            remaining -= 1
        }
        return offset
    }

    /// The UTF-8 offset at which a 1-based line starts.
    public func offset(ofLine line: Int) -> Int {
        guard line >= 1 else { return 0 }
        let lineStarts = self.lineStarts
        return line <= lineStarts.count ? lineStarts[line - 1] : text.utf8.count
    }
}

/// The line starts of one text, computed once on first use, from whichever thread asks first.
private final class LineTable: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: [Int]?

    func starts(of text: String) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let computed { return computed }
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        computed = starts
        return starts
    }
}
