import Foundation

extension StringProtocol {
    /// Whether the text's UTF-8 contains `byte`, found with `memchr` where the bytes are
    /// contiguous (as they are in native strings). `utf8.contains(_:)` walks the view's
    /// iterator at some twenty instructions a byte, and templates and property files are
    /// searched this way for every file of a project.
    @inlinable public func containsUTF8(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.count > 0 && memchr(bytes.baseAddress!, Int32(byte), bytes.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }

    /// Whether the text's UTF-8 begins with `prefix`'s, compared with `memcmp` where both are
    /// contiguous (`utf8.starts(with:)` walks both views' iterators a byte at a time).
    @inlinable public func hasUTF8Prefix(_ prefix: String) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { bytes in
            prefix.utf8.withContiguousStorageIfAvailable { start in
                start.count <= bytes.count && (start.count == 0 || memcmp(bytes.baseAddress!, start.baseAddress!, start.count) == 0)
            }
        }
        if let compared, let result = compared { return result }
        return utf8.starts(with: prefix.utf8)
    }

    /// The first `count` bytes of the text's UTF-8, copied in one piece where they are contiguous.
    @inlinable public func utf8Bytes(prefix count: Int) -> [UInt8] {
        utf8.withContiguousStorageIfAvailable { Array($0.prefix(count)) } ?? Array(utf8.prefix(count))
    }
}
