import Foundation
import Parallelism
import ProjectModel
import PythonRepr

extension JSONValue {
    /// The document as dbt writes its artifacts: `json.dump(obj, f, cls=JSONEncoder)` in
    /// dbt-common's `write_json`, i.e. Python's `json` defaults. One line, no trailing newline,
    /// `", "` between items and `": "` after keys, keys in the object's order, `ensure_ascii`
    /// (every character outside printable ASCII as `\uXXXX`, lowercase hex, surrogate pairs
    /// above U+FFFF), floats as `repr(float)` and `NaN`/`Infinity`/`-Infinity` for the rest.
    /// The same value always gives the same bytes.
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8 bytes (which are all ASCII).
    public func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        Self.write(self, to: &output)
        return output
    }

    /// Writes `serialized()` to a file, replacing it atomically, as dbt writes `target/*.json`.
    public func write(to url: URL) throws {
        try Data(serializedBytes()).write(to: url, options: .atomic)
    }

    static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(literal: "null")
        case .bool(let flag): output.append(literal: flag ? "true" : "false")
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            let text =
                number.isNaN
                ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : number.pythonRepr
            output.append(contentsOf: text.utf8)
        case .string(let string): writeString(string, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            func writeItems(_ range: Range<Int>, to output: inout [UInt8]) {
                for position in range {
                    if position > 0 { output.append(literal: ", ") }
                    write(items[position], to: &output)
                }
            }
            if items.count < parallelThreshold {
                writeItems(items.indices, to: &output)
            } else {
                let chunkCount = min(items.count / 256, ProcessInfo.processInfo.activeProcessorCount * 8)
                let chunks = (0..<chunkCount).concurrentMap(minimumCount: 2) { chunk in
                    var buffer: [UInt8] = []
                    writeItems((items.count * chunk / chunkCount)..<(items.count * (chunk + 1) / chunkCount), to: &buffer)
                    return buffer
                }
                for chunk in chunks { output.append(contentsOf: chunk) }
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(count: object.count, to: &output) { object.member(at: $0) }
        }
    }

    /// Objects with more members and arrays with more items than this are written in parallel
    /// chunks (a manifest's `nodes` and `sources`, a docs site's entries): serializing them is
    /// most of the time of writing an artifact.
    static let parallelThreshold = 512

    /// Writes an object whose `count` members `member(i)` gives, in that order. Large objects are
    /// cut into chunks serialized on all cores and joined, so `member` must be safe to call
    /// concurrently; each member's value is built, written and dropped in turn, so a caller that
    /// builds members on demand never holds the whole tree.
    static func writeObject(count: Int, to output: inout [UInt8], member: (Int) -> (key: String, value: JSONValue)) {
        let writeMember = { (position: Int, output: inout [UInt8]) in
            let (key, value) = member(position)
            writeString(key, to: &output)
            output.append(literal: ": ")
            write(value, to: &output)
        }
        output.append(UInt8(ascii: "{"))
        if count < parallelThreshold {
            _ = writeMembers(0..<count, to: &output, recordingRanges: false, writeMember: writeMember)
        } else {
            // (Appending cannot throw.)
            try? writeMemberChunks(count: count, recordingRanges: false, writeMember: writeMember) { bytes, _ in
                output.append(contentsOf: bytes)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// An object's members (without its braces) in order, handed to `consume` as pieces of
    /// text: one piece for a small object; for a large one, chunks written on all cores
    /// (`writeMember` must be safe to call concurrently), each handed over, in order, as soon as
    /// it and those before it are done, so that a caller writing them out holds few at a time.
    /// Each piece comes with where each of its members (`"key": value`) lies in it when
    /// `recordingRanges` (else nothing).
    static func writeMemberChunks(
        count: Int, recordingRanges: Bool, writeMember: (Int, inout [UInt8]) -> Void,
        to consume: (_ bytes: [UInt8], _ ranges: [Range<Int>]) throws -> Void
    ) throws {
        func chunk(_ range: Range<Int>) -> (bytes: [UInt8], ranges: [Range<Int>]) {
            var bytes: [UInt8] = []
            let ranges = writeMembers(range, to: &bytes, recordingRanges: recordingRanges, writeMember: writeMember)
            return (bytes, ranges)
        }
        guard count >= parallelThreshold else {
            let whole = chunk(0..<count)
            return try consume(whole.bytes, whole.ranges)
        }
        // Small chunks keep both cores busy to the end; each is a buffer of a few hundred kB.
        let chunkCount = count / 128
        try (0..<chunkCount).concurrentMap(
            { index in chunk((count * index / chunkCount)..<(count * (index + 1) / chunkCount)) },
            consumingInOrder: { try consume($0.bytes, $0.ranges) })
    }

    /// Members `range` of an object, each after a separator but the first of the object's.
    private static func writeMembers(
        _ range: Range<Int>, to output: inout [UInt8], recordingRanges: Bool, writeMember: (Int, inout [UInt8]) -> Void
    ) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        if recordingRanges { ranges.reserveCapacity(range.count) }
        for position in range {
            if position > 0 { output.append(literal: ", ") }
            let start = output.count
            writeMember(position, &output)
            if recordingRanges { ranges.append(start..<output.count) }
        }
        return ranges
    }

    /// CPython's `py_encode_basestring_ascii`: `"` and `\` escaped, `\n \r \t \b \f` by name,
    /// everything else outside U+0020...U+007E (DEL included) as `\u` escapes, characters above
    /// U+FFFF as a surrogate pair. Works on the UTF-8 bytes (always valid in a Swift `String`).
    /// Where a run of bytes that need no escape ends, read eight at a time: a word is taken
    /// whole unless one of its bytes may be below 0x20, at or above 0x7f, `"` or `\` (a byte the
    /// test is unsure of stops the run early, and the caller goes on a byte at a time).
    @inline(__always)
    private static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var end = start
        while end + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            let below20 = (word &- ones &* 0x20) & ~word & highs != 0
            if below20 || word & highs != 0 || hasZeroByte(word ^ (ones &* 0x7f)) || hasZeroByte(word ^ (ones &* 0x22))
                || hasZeroByte(word ^ (ones &* 0x5c))
            {
                break
            }
            end += 8
        }
        return end
    }

    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // The bytes lent where they lie (a native string's always are); a copy made contiguous
        // otherwise. (`withUTF8` alone needs a mutable copy, retained and released at each call.)
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &output) }) == nil {
            var string = string
            string.withUTF8 { writeEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string, escaped as `writeString` writes them (without the quotes).
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var position = 0
        while position < bytes.count {
            // Runs of printable ASCII are copied at once: most of an artifact is plain text.
            var end = plainRunEnd(bytes, from: position)
            while end < bytes.count, bytes[end] >= 0x20, bytes[end] <= 0x7e, bytes[end] != 0x22, bytes[end] != 0x5c {
                end += 1
            }
            if end > position {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                position = end
                continue
            }
            let byte = bytes[position]
            /// A backslash and `letter`: an escape by name.
            func escape(_ letter: Unicode.Scalar) {
                output.append(UInt8(ascii: "\\"))
                output.append(UInt8(ascii: letter))
            }
            switch byte {
            case 0x22: escape("\"")
            case 0x5c: escape("\\")
            case 0x0a: escape("n")
            case 0x0d: escape("r")
            case 0x09: escape("t")
            case 0x08: escape("b")
            case 0x0c: escape("f")
            case 0x20...0x7e: output.append(byte)
            case 0x00...0x7f: writeEscape(UInt32(byte), to: &output)
            default:
                // A multi-byte sequence: its length is in the lead byte's high bits.
                let length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
                var scalar = UInt32(byte) & (0x7f >> UInt32(length))
                for offset in 1..<length {
                    scalar = scalar << 6 | UInt32(bytes[position + offset] & 0x3f)
                }
                position += length - 1
                if scalar >= 0x10000 {
                    writeEscape(0xd800 + ((scalar - 0x10000) >> 10), to: &output)
                    writeEscape(0xdc00 + ((scalar - 0x10000) & 0x3ff), to: &output)
                } else {
                    writeEscape(scalar, to: &output)
                }
            }
            position += 1
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeEscape(_ unit: UInt32, to output: inout [UInt8]) {
        output.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((unit >> UInt32(shift)) & 0xf)])
        }
    }
}

extension [UInt8] {
    /// Appends a (short) literal's bytes one by one: `append(contentsOf: "null".utf8)` goes
    /// through the string's UTF-8 view, and artifacts write millions of these.
    @inline(__always)
    mutating func append(literal: StaticString) {
        let start = literal.utf8Start
        for offset in 0..<literal.utf8CodeUnitCount { append(start[offset]) }
    }
}
