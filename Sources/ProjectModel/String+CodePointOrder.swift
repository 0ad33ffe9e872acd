import Foundation

/// Python's `sorted()` order for strings: by Unicode code point (which UTF-8 byte order is).
/// Swift's `<` on `String` compares canonically equivalent forms and would differ from dbt.
public func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
    // `memcmp` on the bytes: the manifest's maps sort hundreds of thousands of ids. Native
    // strings lend their bytes as they are; others are made contiguous first.
    let lent = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in precedes(left, right) }
    }
    if let lent, let order = lent { return order }
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in rhs.withUTF8 { right in precedes(left, right) } }
}

/// The positions of `keys` in `codePointOrder`, ties in their order. The keys' bytes are laid
/// end to end in one buffer and the sort moves plain (offset, length) records: sorting the
/// strings themselves retains and releases them at every comparison and move, and reads each
/// from wherever it lies in memory, which made up most of sorting the manifest's 100,000 ids.
///
/// Inlinable, so that gathering the keys is specialized to the collection at hand (generic, it
/// went through the collection's witnesses for every key); the sort itself is not generic.
@inlinable
public func codePointSortedPositions<Keys: Collection<String>>(_ keys: Keys) -> [Int] {
    var bytes: [UInt8] = []
    var slices: [(start: Int, count: Int)] = []
    slices.reserveCapacity(keys.count)
    for key in keys {
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        slices.append((start, bytes.count - start))
    }
    return codePointSortedPositions(bytes: bytes, slices: slices)
}

/// The positions of `slices` (of `bytes`) in code-point order, ties in their order.
public func codePointSortedPositions(bytes: [UInt8], slices keySlices: [(start: Int, count: Int)]) -> [Int] {
    var slices = keySlices.enumerated().map { (start: $1.start, count: $1.count, position: $0) }
    bytes.withUnsafeBufferPointer { buffer in
        slices.sort { lhs, rhs in
            let common = min(lhs.count, rhs.count)
            if common > 0, let base = buffer.baseAddress {
                let order = memcmp(base + lhs.start, base + rhs.start, common)
                if order != 0 { return order < 0 }
            }
            return lhs.count != rhs.count ? lhs.count < rhs.count : lhs.position < rhs.position
        }
    }
    return slices.map(\.position)
}

private func precedes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(left.count, right.count)
    if common > 0, let l = left.baseAddress, let r = right.baseAddress {
        let order = memcmp(l, r, common)
        if order != 0 { return order < 0 }
    }
    return left.count < right.count
}

extension Collection<String> {
    /// The strings in `codePointOrder` (Python's `sorted()`), sorted as `codePointSortedPositions`
    /// does: a project's tens of thousands of unique ids are sorted several times per invocation.
    public func sortedByCodePoint() -> [String] {
        let strings = Array(self)
        return codePointSortedPositions(strings).map { strings[$0] }
    }
}
