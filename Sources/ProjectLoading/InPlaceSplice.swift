/// Replaces ranges of a file's bytes in place, a chunk at a time: the bytes after the first
/// replaced range move by what the replacements add or remove, and only those not yet written
/// over are held in memory (a chunk, plus as many bytes as the file grows by). Patching one node
/// of a 150 MB manifest so costs two copies of its tail through a small buffer, not the tail
/// read into memory and spliced into another copy of it.
struct InPlaceSplice {
    /// The file's bytes in `range` (which lies within the file).
    var read: (_ range: Range<Int>) throws -> [UInt8]
    /// Writes `bytes` at `offset`.
    var write: (_ bytes: ArraySlice<UInt8>, _ offset: Int) throws -> Void
    /// How many unchanged bytes are moved at a time.
    var chunkSize = 1 << 20

    /// Makes `replacements` (sorted, not overlapping, within the file's `size` bytes) and
    /// returns the file's new size; what lies past it is the caller's to cut off.
    func run(size: Int, _ replacements: [(range: Range<Int>, bytes: [UInt8])]) throws -> Int {
        guard let first = replacements.first?.range.lowerBound else { return size }
        var state = State(splice: self, size: size, start: first)
        for (range, bytes) in replacements {
            try state.moveUnchanged(upTo: range.lowerBound)
            state.skip(upTo: range.upperBound)
            try state.emit(bytes[...])
        }
        try state.moveUnchanged(upTo: size)
        return state.writeOffset
    }

    /// Where the splice stands. The old bytes from `pending` on are still wanted; those of them
    /// below `readOffset` are in `buffer`. Every write first reads the old bytes it covers, so
    /// nothing wanted is written over before it was read.
    private struct State {
        let splice: InPlaceSplice
        let size: Int
        var buffer: [UInt8] = []
        var pending: Int
        var readOffset: Int
        var writeOffset: Int

        init(splice: InPlaceSplice, size: Int, start: Int) {
            self.splice = splice
            self.size = size
            (pending, readOffset, writeOffset) = (start, start, start)
        }

        mutating func readAhead(to end: Int) throws {
            let end = min(end, size)
            guard end > readOffset else { return }
            buffer += try splice.read(readOffset..<end)
            readOffset = end
        }

        mutating func emit(_ bytes: ArraySlice<UInt8>) throws {
            try readAhead(to: writeOffset + bytes.count)
            try splice.write(bytes, writeOffset)
            writeOffset += bytes.count
        }

        /// Writes the old bytes from `pending` up to `end` where the new file has them.
        mutating func moveUnchanged(upTo end: Int) throws {
            while pending < end {
                let count = min(end - pending, splice.chunkSize)
                try readAhead(to: max(pending, writeOffset) + count)
                try splice.write(buffer[..<count], writeOffset)
                writeOffset += count
                buffer.removeFirst(count)
                pending += count
            }
        }

        /// Drops the old bytes from `pending` up to `end` (a replaced range).
        mutating func skip(upTo end: Int) {
            buffer.removeFirst(max(0, min(end, readOffset) - pending))
            pending = end
            readOffset = max(readOffset, end)
        }
    }
}
