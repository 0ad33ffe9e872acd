/// A hash function fed incrementally: `update` any number of times, then `finalize`.
/// `MD5` and `SHA256` conform; the helpers below hash whole values in one call.
public protocol HashFunction: Sendable {
    init()
    /// Feeds more input.
    mutating func update(bytes: UnsafeRawBufferPointer)
    /// The digest of everything fed so far; the hasher itself is left unchanged.
    func finalize() -> Digest
}

extension HashFunction {
    /// Feeds a sequence of bytes (an `[UInt8]`, a `Data`, a slice...).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(bytes: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let array = Array(bytes)
            array.withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// Feeds a string's UTF-8 encoding, as Python's `hashlib.md5(s.encode("utf-8"))`.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> Digest {
        var hasher = Self()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 encoding.
    public static func hash(_ string: String) -> Digest {
        var hasher = Self()
        hasher.update(string)
        return hasher.finalize()
    }
}
