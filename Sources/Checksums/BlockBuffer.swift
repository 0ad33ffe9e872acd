/// The Merkle–Damgård framing MD5 and SHA-256 share: input is cut into 64-byte blocks, and the
/// last block is padded with `0x80`, zeros and the message length in bits (RFC 1321 §3.1–3.2,
/// FIPS 180-4 §5.1.1). The two differ only in the byte order of that length.
struct BlockBuffer: Sendable {
    static let blockSize = 64

    /// Bytes waiting for a full block (always fewer than 64).
    private(set) var pending: [UInt8] = []
    /// Total bytes fed, for the length field.
    private(set) var byteCount: UInt64 = 0

    init() { pending.reserveCapacity(Self.blockSize) }

    /// Feeds `bytes`, calling `compress` on every full block.
    mutating func absorb(_ bytes: UnsafeRawBufferPointer, compress: (UnsafeRawBufferPointer) -> Void) {
        byteCount &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(Self.blockSize - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == Self.blockSize else { return }
            pending.withUnsafeBytes { compress($0) }
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - offset >= Self.blockSize {
            compress(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Self.blockSize]))
            offset += Self.blockSize
        }
        if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
    }

    /// The padded tail (one or two blocks) that completes the message.
    func paddedTail(bigEndianLength: Bool) -> [UInt8] {
        var tail = pending
        tail.reserveCapacity(2 * Self.blockSize)
        tail.append(0x80)
        let zeros = (2 * Self.blockSize - 8 - tail.count) % Self.blockSize
        tail.append(contentsOf: repeatElement(0, count: zeros))
        let bits = byteCount &* 8
        for index in 0..<8 {
            let shift = bigEndianLength ? UInt64(56 - 8 * index) : UInt64(8 * index)
            tail.append(UInt8(truncatingIfNeeded: bits >> shift))
        }
        return tail
    }
}
