import BigInt

/// Python's conversions of arguments to machine integers.
enum PyIndex {
    /// `operator.index(value)` narrowed to `Py_ssize_t`, as widths, counts and positions are.
    static func integer(_ value: Value) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt:
            throw RuntimeFailure.value("Python int too large to convert to C ssize_t")
        default:
            throw RuntimeFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// A slice bound (`start`/`end` of `find`, `count`...): None means absent, and integers
    /// too large for a machine word are clamped, as `_PyEval_SliceIndex` does.
    static func sliceBound(_ value: Value?, message: String = sliceMessage) throws -> Int? {
        guard let value else { return nil }
        switch value {
        case .none: return nil
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt(let b): return b.signum() < 0 ? Int.min : Int.max
        default: throw RuntimeFailure.type(message)
        }
    }

    static let sliceMessage = "slice indices must be integers or None or have an __index__ method"

    /// CPython's `ADJUST_INDICES`: negative bounds count from the end, then clamp to the length.
    /// A start past the end stays there, so searches from it find nothing (not even "").
    static func adjust(start: Int?, end: Int?, count: Int) -> (start: Int, end: Int) {
        var start = start ?? 0
        var end = end ?? count
        if end > count {
            end = count
        } else if end < 0 {
            end = Swift.max(0, end + count)
        }
        if start < 0 {
            start = Swift.max(0, start + count)
        }
        return (start, end)
    }
}
