/// Python's `list.sort` ordering: a stable sort driven only by `<`, which may fail.
enum PySort {
    /// Python's `a < b`, naming the innermost incomparable pair as CPython's `TypeError` does
    /// (`[[1], ['a']]` fails on `'a' < 1`, not on the lists).
    static func less(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.list(let x), .list(let y)): return try lessSequence(x.items, y.items)
        case (.tuple(let x), .tuple(let y)): return try lessSequence(x, y)
        default:
            guard let order = a.pyCompare(b) else {
                throw RuntimeFailure.type(
                    "'<' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
            }
            return order < 0
        }
    }

    private static func lessSequence(_ a: [Value], _ b: [Value]) throws -> Bool {
        for (x, y) in zip(a, b) where !x.pyEquals(y) {
            return try less(x, y)
        }
        return a.count < b.count
    }

    /// A stable sort that asks `less(later, earlier)` as CPython's timsort does, so that the
    /// first failing comparison names the types in Python's order.
    static func stableSorted<T>(_ items: [T], by less: (T, T) throws -> Bool) throws -> [T] {
        let runLength = 32
        var sorted = items
        var start = 0
        while start < sorted.count {
            let end = min(start + runLength, sorted.count)
            try insertionSort(&sorted, start, end, less)
            start = end
        }
        var width = runLength
        while width < sorted.count {
            var merged: [T] = []
            merged.reserveCapacity(sorted.count)
            var low = 0
            while low < sorted.count {
                let middle = min(low + width, sorted.count)
                let high = min(low + 2 * width, sorted.count)
                var i = low
                var j = middle
                while i < middle && j < high {
                    // Take from the right run only when strictly smaller: that keeps stability.
                    if try less(sorted[j], sorted[i]) {
                        merged.append(sorted[j])
                        j += 1
                    } else {
                        merged.append(sorted[i])
                        i += 1
                    }
                }
                merged += sorted[i..<middle]
                merged += sorted[j..<high]
                low = high
            }
            sorted = merged
            width *= 2
        }
        return sorted
    }

    /// CPython's `binarysort`: each item goes after every item it is not less than.
    private static func insertionSort<T>(
        _ items: inout [T], _ start: Int, _ end: Int, _ less: (T, T) throws -> Bool
    ) throws {
        guard end - start > 1 else { return }
        for index in (start + 1)..<end {
            let pivot = items[index]
            var low = start
            var high = index
            while low < high {
                let middle = (low + high) / 2
                if try less(pivot, items[middle]) {
                    high = middle
                } else {
                    low = middle + 1
                }
            }
            if low < index {
                items.remove(at: index)
                items.insert(pivot, at: low)
            }
        }
    }
}
