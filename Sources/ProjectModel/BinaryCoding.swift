import Parallelism

/// A compact binary form of the project's values, for the caches Weir writes for itself and
/// reads back on the next run (the compile snapshot). Exact, so a value read back equals the one
/// written, and an order of magnitude cheaper than JSON both ways: integers are varints, strings
/// their UTF-8 after its length, collections their count then their elements.
///
/// It carries no field names and no version: whoever stores it keys the file with Weir's version.
public protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

/// Appends values to a byte buffer.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Makes room for `count` more bytes at once: a large encoding grown by doubling copies
    /// itself over and over, each time into memory the system must first hand out.
    public mutating func reserveCapacity(more count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Bytes another writer wrote, after what this one did.
    public mutating func append(encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
    }

    /// Forgets what was written, keeping the room it took.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func write<Value: BinaryCodable>(_ value: Value) {
        value.encode(to: &self)
    }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func writeBytes<Bytes: Collection<UInt8>>(_ data: Bytes) {
        writeVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// `count` string-keyed entries in the order `entries` gives them, as `readEntries` reads them.
    public mutating func writeEntries<Entries: Sequence, Value: BinaryCodable>(_ entries: Entries, count: Int)
    where Entries.Element == (key: String, value: Value) {
        writeVarint(UInt64(count))
        for (key, value) in entries {
            write(key)
            write(value)
        }
    }
}

/// Reads what a `BinaryWriter` wrote, in the same order; malformed input is an error, never a crash.
public struct BinaryReader {
    let bytes: [UInt8]
    public private(set) var position: Int
    let end: Int

    /// Reads `bytes[range]` (all of them by default).
    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.position = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    public var isAtEnd: Bool { position >= end }

    public mutating func read<Value: BinaryCodable>(_ type: Value.Type = Value.self) throws -> Value {
        try Value(from: &self)
    }

    /// What `writeEntries` wrote, each entry handed to `add` in order.
    mutating func readEntries<Value: BinaryCodable>(_ type: Value.Type, _ add: (String, Value) -> Void) throws {
        for _ in 0..<(try readCount()) {
            let key = try read(String.self)
            add(key, try read(Value.self))
        }
    }

    public mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw BinaryCodingError() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A count or length, checked against what is left to read.
    public mutating func readCount() throws -> Int {
        let count = try readVarint()
        guard count <= UInt64(end - position) else { throw BinaryCodingError() }
        return Int(count)
    }

    public mutating func readBytes() throws -> ArraySlice<UInt8> {
        let count = try readCount()
        defer { position += count }
        return bytes[position..<position + count]
    }
}

/// The data ended early or held a value that cannot be: the file is damaged or from another Weir.
public struct BinaryCodingError: Error, Sendable {
    public init() {}
}

extension String: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.writeBytes(utf8) }
    public init(from reader: inout BinaryReader) throws {
        guard let text = String(validating: try reader.readBytes(), as: UTF8.self) else { throw BinaryCodingError() }
        self = text
    }
}

extension Int: BinaryCodable {
    /// Zig-zag, so small negative numbers stay short.
    public func encode(to writer: inout BinaryWriter) {
        writer.writeVarint(UInt64(bitPattern: Int64((self << 1) ^ (self >> 63))))
    }
    public init(from reader: inout BinaryReader) throws {
        let raw = try reader.readVarint()
        self = Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }
}

extension UInt64: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.writeVarint(self) }
    public init(from reader: inout BinaryReader) throws { self = try reader.readVarint() }
}

extension Bool: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.writeVarint(self ? 1 : 0) }
    public init(from reader: inout BinaryReader) throws {
        switch try reader.readVarint() {
        case 0: self = false
        case 1: self = true
        default: throw BinaryCodingError()
        }
    }
}

extension Double: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) { writer.writeVarint(bitPattern) }
    public init(from reader: inout BinaryReader) throws { self = Double(bitPattern: try reader.readVarint()) }
}

extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        if let value = self {
            writer.writeVarint(1)
            writer.write(value)
        } else {
            writer.writeVarint(0)
        }
    }
    public init(from reader: inout BinaryReader) throws {
        self = try reader.read(Bool.self) ? try reader.read(Wrapped.self) : nil
    }
}

extension Array: BinaryCodable where Element: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.writeVarint(UInt64(count))
        for element in self { writer.write(element) }
    }
    public init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try reader.read(Element.self)) }
    }
}

extension Dictionary: BinaryCodable where Key == String, Value: BinaryCodable {
    /// In the dictionary's own order (the bytes of two equal dictionaries may differ).
    public func encode(to writer: inout BinaryWriter) { writer.writeEntries(self, count: count) }
    public init(from reader: inout BinaryReader) throws {
        self = [:]
        try reader.readEntries(Value.self) { self[$0] = $1 }
    }
}

extension Array where Element: BinaryCodable {
    /// The elements encoded on all cores a run of a few hundred at a time: each run's bytes (one
    /// buffer, to be written as it is) and the bytes each element takes in it, in order.
    /// (Encoding each element into a buffer of its own and joining them would copy it all once
    /// more: the snapshots hold tens of thousands of nodes.) `lengthPrefixed` writes each
    /// encoding as `writeBytes` does, its length first.
    public func encodedRuns(lengthPrefixed: Bool = false) -> [(bytes: [UInt8], lengths: [Int])] {
        let runs = Swift.max(1, Swift.min(count / 256, 64))
        return (0..<runs).concurrentMap(minimumCount: 2) { run in
            var writer = BinaryWriter()
            var scratch = BinaryWriter()
            var lengths: [Int] = []
            for index in (count * run / runs)..<(count * (run + 1) / runs) {
                let start = writer.bytes.count
                if lengthPrefixed {
                    scratch.removeAll()
                    scratch.write(self[index])
                    writer.writeBytes(scratch.bytes)
                } else {
                    writer.write(self[index])
                }
                lengths.append(writer.bytes.count - start)
            }
            return (writer.bytes, lengths)
        }
    }
}
