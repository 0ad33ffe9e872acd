import BigInt

/// Conversions the built-in filters, tests and globals share: Python's `str()`, `iter()`,
/// `len()` and `<` with the environment's undefined policy applied, and argument coercion.
///
/// Jinja2's `StrictUndefined` fails when it is printed, iterated, measured or tested for
/// truth, while the default `Undefined` prints empty and iterates as empty. A filter gets
/// undefined values unchanged from the renderer, so each conversion here checks the policy.
enum BuiltinSupport {
    /// Fails with Jinja2's `UndefinedError` when `value` is undefined and the environment is strict.
    static func requireDefined(_ value: Value, _ context: CallContext) throws {
        if case .undefined(let undefined) = value, context.environment.undefinedBehavior == .strict {
            throw RuntimeFailure.undefined(undefined.message)
        }
    }

    /// Fails with `UndefinedError` for any undefined value, as Jinja2's `Undefined` does for
    /// `int()`, `float()`, attribute access and arithmetic even when not strict.
    static func rejectUndefined(_ value: Value) throws {
        if case .undefined(let undefined) = value { throw RuntimeFailure.undefined(undefined.message) }
    }

    /// Python's `str(value)`.
    static func string(_ value: Value, _ context: CallContext) throws -> String {
        try requireDefined(value, context)
        return value.pyStr
    }

    /// Python's `list(iter(value))`.
    static func iterate(_ value: Value, _ context: CallContext) throws -> [Value] {
        try requireDefined(value, context)
        return try value.iterate(context)
    }

    /// Python's `bool(value)`.
    static func truth(_ value: Value, _ context: CallContext) throws -> Bool {
        try requireDefined(value, context)
        return value.isTruthy
    }

    /// Python's `len(value)`.
    static func length(_ value: Value, _ context: CallContext) throws -> Int {
        try requireDefined(value, context)
        guard let length = value.length else {
            throw RuntimeFailure.type("object of type '\(value.typeName)' has no len()")
        }
        return length
    }

    /// An integer argument, as Python's `__index__` accepts it (ints and bools, not floats).
    static func integer(_ value: Value) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw RuntimeFailure.value("Python int too large to convert to C ssize_t")
        case .undefined(let undefined): throw RuntimeFailure.undefined(undefined.message)
        default: throw RuntimeFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// Python's `a < b` (`op` "<") or `a > b` (`op` ">") as an ordering: sequences compare element
    /// by element, and an unorderable pair raises the `TypeError` naming the innermost types.
    static func order(_ a: Value, _ b: Value, _ op: String) throws -> Int {
        if case .undefined(let undefined) = a { throw RuntimeFailure.undefined(undefined.message) }
        if case .undefined(let undefined) = b { throw RuntimeFailure.undefined(undefined.message) }
        let pair: ([Value], [Value])?
        switch (a, b) {
        case (.list(let x), .list(let y)): pair = (x.items, y.items)
        case (.tuple(let x), .tuple(let y)): pair = (x, y)
        default: pair = nil
        }
        if let (x, y) = pair {
            for (left, right) in zip(x, y) where !left.pyEquals(right) {
                return try order(left, right, op)
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        }
        guard let result = a.pyCompare(b) else {
            throw RuntimeFailure.type(
                "'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
        return result
    }

    /// Python's `sorted(items, key=key, reverse=reverse)`: stable, and comparing only with `<`
    /// (later element first, as timsort does, so a `TypeError` names the types in Python's order).
    static func sorted(
        _ items: [Value], reverse: Bool = false, key: (Value) throws -> Value
    ) throws -> [Value] {
        var keyed = try items.map { (key: try key($0), value: $0) }
        // Python reverses, sorts stably and reverses back, so equal items keep their order.
        if reverse { keyed.reverse() }
        keyed = try mergeSort(keyed) { later, earlier in try order(later.key, earlier.key, "<") < 0 }
        if reverse { keyed.reverse() }
        return keyed.map(\.value)
    }

    /// A stable merge sort with a throwing `less(later, earlier)`.
    static func mergeSort<T>(_ items: [T], _ less: (T, T) throws -> Bool) throws -> [T] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try mergeSort(Array(items[..<middle]), less)
        let right = try mergeSort(Array(items[middle...]), less)
        var merged: [T] = []
        merged.reserveCapacity(items.count)
        var i = 0
        var j = 0
        while i < left.count && j < right.count {
            if try less(right[j], left[i]) {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(left[i])
                i += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        return merged
    }

    /// Jinja2's `ignore_case`: lower-cases strings, passes anything else through.
    static func ignoreCase(_ value: Value) -> Value {
        if case .string(let s) = value { return .string(PyCase.lower(s)) }
        return value
    }

    /// Jinja2's `_prepare_attribute_parts`: `"a.0.b"` becomes `["a", 0, "b"]`.
    static func attributeParts(_ attribute: Value) -> [Value] {
        switch attribute {
        case .none: return []
        case .string(let path):
            return path.split(separator: ".", omittingEmptySubsequences: false).map { part in
                if !part.isEmpty, part.allSatisfy(\.isASCIIDigitCharacter), let index = Int(part) {
                    return .int(index)
                }
                return .string(String(part))
            }
        default: return [attribute]
        }
    }

    /// Jinja2's `make_attrgetter`: looks `attribute` up in an item with `environment.getitem`
    /// (the item first, then the attribute) along a dotted path.
    ///
    /// - Parameters:
    ///   - lowercase: apply `ignore_case` to the result (the filters' `case_sensitive=False`).
    ///   - fallback: Jinja2's `default`: replaces an undefined result at any step.
    static func attributeGetter(
        _ attribute: Value, _ context: CallContext, lowercase: Bool = false, fallback: Value = .none
    ) -> (Value) throws -> Value {
        let parts = attributeParts(attribute)
        return { item in
            var current = item
            for part in parts {
                current = try current.item(part, context)
                if !fallback.isNone, current.isUndefined { current = fallback }
            }
            return lowercase ? ignoreCase(current) : current
        }
    }

    /// Jinja2's `make_multi_attrgetter`: `"age,name"` yields the list `[item.age, item.name]`,
    /// and no attribute yields `[item]`.
    static func multiAttributeGetter(
        _ attribute: Value, _ context: CallContext, lowercase: Bool
    ) -> (Value) throws -> Value {
        let paths: [Value]
        if case .string(let text) = attribute {
            paths = text.split(separator: ",", omittingEmptySubsequences: false).map { .string(String($0)) }
        } else {
            paths = [attribute]
        }
        let getters = paths.map { attributeGetter($0, context, lowercase: lowercase) }
        return { item in .list(try getters.map { try $0(item) }) }
    }

    /// A set key with Python's hashing: equal numbers collide, containers are unhashable,
    /// objects hash by identity and every undefined equals every other.
    enum SetKey: Hashable {
        case hash(HashKey)
        case identity(ObjectIdentifier)
        case undefined

        init(_ value: Value) throws {
            if let key = HashKey(value) {
                self = .hash(key)
                return
            }
            switch value {
            case .undefined: self = .undefined
            case .object(let object): self = .identity(ObjectIdentifier(object))
            case .callable(let callable): self = .identity(ObjectIdentifier(callable))
            default: throw RuntimeFailure.type("unhashable type: '\(value.typeName)'")
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
