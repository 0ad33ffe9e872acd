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

    /// The first `count` bytes of the text's UTF-8, copied in one piece where they are contiguous.
    @inlinable public func utf8Bytes(prefix count: Int) -> [UInt8] {
        utf8.withContiguousStorageIfAvailable { Array($0.prefix(count)) } ?? Array(utf8.prefix(count))
    }
}
