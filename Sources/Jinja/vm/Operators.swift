/// Python's binary and comparison operators on Jinja values, with Python's `TypeError` messages.
enum Operators {
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        // Two machine integers that add, subtract or multiply without overflow: the commonest case.
        if case .int(let a) = left, case .int(let b) = right {
            switch op {
            case .add:
                let (sum, overflow) = a.addingReportingOverflow(b)
                if !overflow { return .int(sum) }
            case .subtract:
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                if !overflow { return .int(difference) }
            case .multiply:
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                if !overflow { return .int(product) }
            default:
                break
            }
        }
        if op == .modulo, case .string(let format) = left {
            // `'%s' % missing` formats the undefined value as Python would: as its str(), ''.
            return .string(try PyFormat.percent(format, right))
        }
        if case .undefined(let undefined) = left { throw RuntimeFailure.undefined(undefined.message) }
        if case .undefined(let undefined) = right { throw RuntimeFailure.undefined(undefined.message) }
        if case .object(let object) = left,
            let result = try object.binaryOperation(op, right, reflected: false)
        {
            return result
        }
        if case .object(let object) = right,
            let result = try object.binaryOperation(op, left, reflected: true)
        {
            return result
        }
        if let a = left.numeric, let b = right.numeric {
            switch op {
            case .add: return Arithmetic.add(a, b)
            case .subtract: return Arithmetic.subtract(a, b)
            case .multiply: return Arithmetic.multiply(a, b)
            case .divide: return try Arithmetic.trueDivide(a, b)
            case .floorDivide: return try Arithmetic.floorDivide(a, b)
            case .modulo: return try Arithmetic.modulo(a, b)
            case .power: return try Arithmetic.power(a, b)
            }
        }
        switch (op, left, right) {
        case (.add, .string(let a), .string(let b)): return .string(a + b)
        case (.add, .list(let a), .list(let b)): return .list(PyList(a.items + b.items))
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.add, .string, _):
            throw RuntimeFailure.type("can only concatenate str (not \"\(right.typeName)\") to str")
        case (.add, .list, _):
            throw RuntimeFailure.type("can only concatenate list (not \"\(right.typeName)\") to list")
        case (.add, .tuple, _):
            throw RuntimeFailure.type("can only concatenate tuple (not \"\(right.typeName)\") to tuple")
        case (.multiply, _, _):
            if let result = try repeatSequence(left, right) ?? repeatSequence(right, left) { return result }
        default:
            break
        }
        throw RuntimeFailure.type(
            "unsupported operand type(s) for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'")
    }

    /// `'ab' * 3`, `[1] * 2`: nil when `sequence` is not a sequence or `count` not an int.
    private static func repeatSequence(_ sequence: Value, _ count: Value) throws -> Value? {
        guard let times = count.intValue else {
            if case .bigInt = count, sequence.length != nil {
                throw RuntimeFailure.limit("the repeated sequence is too large")
            }
            return nil
        }
        let n = (sequence.length ?? 0) == 0 ? 0 : max(0, times)
        let (size, overflow) = (sequence.length ?? 0).multipliedReportingOverflow(by: n)
        if overflow || size > 100_000_000 { throw RuntimeFailure.limit("the repeated sequence is too large") }
        switch sequence {
        case .string(let s): return .string(String(repeating: s, count: n))
        case .list(let list): return .list(PyList(Array([[Value]](repeating: list.items, count: n).joined())))
        case .tuple(let items): return .tuple(Array([[Value]](repeating: items, count: n).joined()))
        default: return nil
        }
    }

    static func compare(_ op: CompareOperator, _ left: Value, _ right: Value, _ context: CallContext) throws
        -> Bool
    {
        switch op {
        case .equal: return left.pyEquals(right)
        case .notEqual: return !left.pyEquals(right)
        case .in: return try contains(right, left, context)
        case .notIn: return !(try contains(right, left, context))
        case .less, .lessEqual, .greater, .greaterEqual:
            if case .undefined(let undefined) = left { throw RuntimeFailure.undefined(undefined.message) }
            if case .undefined(let undefined) = right { throw RuntimeFailure.undefined(undefined.message) }
            guard let order = left.pyCompare(right) else {
                throw RuntimeFailure.type(
                    "'\(op.rawValue)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'"
                )
            }
            switch op {
            case .less: return order < 0
            case .lessEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    /// Python's `needle in container`.
    static func contains(_ container: Value, _ needle: Value, _ context: CallContext) throws -> Bool {
        switch container {
        case .string(let haystack):
            guard case .string(let sub) = needle else {
                if case .undefined(let undefined) = needle {
                    throw RuntimeFailure.undefined(undefined.message)
                }
                throw RuntimeFailure.type(
                    "'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return sub.isEmpty || haystack.contains(sub)
        case .dict(let dict):
            if needle.isUndefined { return false }
            guard HashKey(needle) != nil else {
                throw RuntimeFailure.type("unhashable type: '\(needle.typeName)'")
            }
            return dict.contains(needle)
        case .undefined: return false
        case .object(let object as PyIterator):
            return try object.consume(until: { $0.pyEquals(needle) }, context)
        case .list, .tuple, .object:
            return try container.iterate(context).contains { $0.pyEquals(needle) }
        default:
            throw RuntimeFailure.type("argument of type '\(container.typeName)' is not iterable")
        }
    }
}

/// Python slicing (`value[start:stop:step]`) of strings, lists and tuples.
enum Slicing {
    static func slice(_ value: Value, start: Value?, stop: Value?, step: Value?) throws -> Value {
        func bound(_ v: Value?) throws -> Int? {
            guard let v, !v.isNone else { return nil }
            guard let i = v.intValue else {
                throw RuntimeFailure.type(
                    "slice indices must be integers or None or have an __index__ method")
            }
            return i
        }
        let stepValue = try bound(step) ?? 1
        if stepValue == 0 { throw RuntimeFailure.value("slice step cannot be zero") }
        let startValue = try bound(start)
        let stopValue = try bound(stop)
        switch value {
        case .string(let s):
            let scalars = Array(s.unicodeScalars)
            let picked = indices(count: scalars.count, startValue, stopValue, stepValue).map { scalars[$0] }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: picked)
            return .string(String(view))
        case .list(let list):
            return .list(
                PyList(
                    indices(count: list.items.count, startValue, stopValue, stepValue).map { list.items[$0] })
            )
        case .tuple(let items):
            return .tuple(indices(count: items.count, startValue, stopValue, stepValue).map { items[$0] })
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        default:
            throw RuntimeFailure.type("'\(value.typeName)' object is not subscriptable")
        }
    }

    /// The positions `range(*slice(start, stop, step).indices(count))` visits.
    static func indices(count: Int, _ start: Int?, _ stop: Int?, _ step: Int) -> [Int] {
        func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int { min(max(v, low), high) }
        var result: [Int] = []
        if step > 0 {
            let from = start.map { $0 < 0 ? clamp($0 + count, 0, count) : clamp($0, 0, count) } ?? 0
            let to = stop.map { $0 < 0 ? clamp($0 + count, 0, count) : clamp($0, 0, count) } ?? count
            var i = from
            while i < to {
                result.append(i)
                i += step
            }
        } else {
            let from =
                start.map { $0 < 0 ? clamp($0 + count, -1, count - 1) : clamp($0, -1, count - 1) } ?? count
                - 1
            let to = stop.map { $0 < 0 ? clamp($0 + count, -1, count - 1) : clamp($0, -1, count - 1) } ?? -1
            var i = from
            while i > to {
                result.append(i)
                i += step
            }
        }
        return result
    }
}
