/// The output of a hash function: its bytes, and the lowercase hex text that Python's
/// `hashlib` calls `hexdigest()` (the form dbt writes into checksums and ids).
public struct Digest: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Lowercase hexadecimal, two characters a byte, as `hashlib`'s `hexdigest()`.
    public var hex: String {
        func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
        return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            for (position, byte) in bytes.enumerated() {
                text[2 * position] = digit(byte >> 4)
                text[2 * position + 1] = digit(byte & 0x0f)
            }
            return bytes.count * 2
        }
    }

    public var description: String { hex }
}
