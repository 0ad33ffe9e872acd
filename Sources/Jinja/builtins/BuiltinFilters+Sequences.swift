/// Filters that pick, reorder or reshape the items of a sequence.
extension BuiltinFilters {
    /// The value itself, or `default_value` when it is undefined (or, with `boolean`, falsy).
    ///
    ///     {{ missing | default('n/a') }}  →  n/a
    static func `default`(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["default_value", "boolean"],
            ["default_value": .emptyString, "boolean": .bool(false)],
            "do_default")
        if value.isUndefined || (bound["boolean"].isTruthy && !value.isTruthy) {
            return bound["default_value"]
        }
        return value
    }

    /// An attribute only, without falling back to an item as `value.name` does.
    ///
    ///     {{ {'a': 1} | attr('a') }}  →  (undefined: dicts have no attribute `a`)
    static func attr(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["name"], [:], "do_attr")
        let name = try BuiltinSupport.string(bound["name"], context)
        let missing = Value.undefined(Undefined(.attribute(owner: value.objectTypeRepr, name: name)))
        switch value {
        case .dict:
            if name.hasPrefix("_") { return try value.attribute(name, context) }
            return PythonMethods.method(on: value, named: name) ?? missing
        case .object(let object):
            return try object.attribute(name, context) ?? missing
        default:
            return try value.attribute(name, context)
        }
    }

    /// Splits the items into lists of `linecount`, padding the last with `fill_with` if given.
    ///
    ///     {{ [1, 2, 3] | batch(2) | list }}  →  [[1, 2], [3]]
    static func batch(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["linecount", "fill_with"], ["fill_with": .none], "do_batch")
        return PyIterator.generator("do_batch") { context in
            let linecount = try BuiltinSupport.integer(bound["linecount"])
            let fill = bound["fill_with"]
            var batches: [Value] = []
            var current: [Value] = []
            for item in try BuiltinSupport.iterate(value, context) {
                if current.count == linecount {
                    batches.append(.list(current))
                    current = []
                }
                current.append(item)
            }
            if !current.isEmpty {
                if !fill.isNone && current.count < linecount {
                    current += Array(repeating: fill, count: linecount - current.count)
                }
                batches.append(.list(current))
            }
            return batches
        }
    }

    /// Splits the items into `slices` columns of nearly equal length, padding the short ones
    /// with `fill_with` if given.
    ///
    ///     {{ [1, 2, 3] | slice(2) | list }}  →  [[1, 2], [3]]
    static func slice(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["slices", "fill_with"], ["fill_with": .none], "sync_do_slice")
        return PyIterator.generator("sync_do_slice") { context in
            let items = try BuiltinSupport.iterate(value, context)
            let slices = try BuiltinSupport.integer(bound["slices"])
            guard slices != 0 else { throw RuntimeFailure.zeroDivision("integer division or modulo by zero") }
            let fill = bound["fill_with"]
            // Python's floor division and modulo, for a negative `slices`.
            var perSlice = items.count / slices
            var withExtra = items.count % slices
            if withExtra != 0 && (withExtra < 0) != (slices < 0) {
                perSlice -= 1
                withExtra += slices
            }
            var result: [Value] = []
            var offset = 0
            for number in 0..<Swift.max(0, slices) {
                let start = offset + number * perSlice
                if number < withExtra { offset += 1 }
                let end = offset + (number + 1) * perSlice
                let lower = Swift.min(Swift.max(start, 0), items.count)
                let upper = Swift.min(Swift.max(end, lower), items.count)
                var column = Array(items[lower..<upper])
                if !fill.isNone && number >= withExtra { column.append(fill) }
                result.append(.list(column))
            }
            return result
        }
    }

    /// The `(key, value)` pairs of a dict sorted by key (or by value with `by='value'`),
    /// ignoring case unless `case_sensitive`.
    ///
    ///     {{ {'b': 1, 'a': 2} | dictsort }}  →  [('a', 2), ('b', 1)]
    static func dictsort(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["case_sensitive", "by", "reverse"],
            ["case_sensitive": .bool(false), "by": .string("key"), "reverse": .bool(false)], "do_dictsort")
        let position: Int
        switch bound["by"].stringValue {
        case "key": position = 0
        case "value": position = 1
        default: throw RuntimeFailure.value("You can only sort by either \"key\" or \"value\"")
        }
        let pairs = try itemPairs(value, context)
        let caseSensitive = bound["case_sensitive"].isTruthy
        let sorted = try BuiltinSupport.sorted(pairs, reverse: bound["reverse"].isTruthy) { pair in
            guard case .tuple(let fields) = pair else { return pair }
            return caseSensitive ? fields[position] : BuiltinSupport.ignoreCase(fields[position])
        }
        return .list(sorted)
    }

    /// The dict's `(key, value)` pairs, as `value.items()` would give them.
    static func itemPairs(_ value: Value, _ context: CallContext) throws -> [Value] {
        switch value {
        case .dict(let dict): return dict.pairs.map { .tuple([$0.0, $0.1]) }
        case .undefined(let undefined): throw RuntimeFailure.undefined(undefined.message)
        case .object:
            let items = try value.attribute("items", context)
            return try BuiltinSupport.iterate(try context.call(items, Arguments()), context)
        default: throw RuntimeFailure.type("'\(value.typeName)' object has no attribute 'items'")
        }
    }

    /// The `(key, value)` pairs of a mapping; an undefined value gives none.
    ///
    ///     {% for k, v in {'a': 1} | items %}{{ k }}={{ v }}{% endfor %}  →  a=1
    static func items(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_items")
        return PyIterator.generator("do_items") { context in
            switch value {
            case .undefined: return []
            case .dict: return try itemPairs(value, context)
            default: throw RuntimeFailure.type("Can only get item pairs from a mapping.")
            }
        }
    }

    /// The first item, or an undefined value when there is none.
    ///
    ///     {{ [1, 2] | first }}  →  1
    static func first(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_first")
        let empty = Value.undefined(Undefined(.hint("No first item, sequence was empty.")))
        // An iterator gives up its first item only: the rest stays for its next use.
        if case .object(let iterator as PyIterator) = value {
            var first: Value?
            _ = try iterator.consume(until: { first = $0; return true }, context)
            return first ?? empty
        }
        return try BuiltinSupport.iterate(value, context).first ?? empty
    }

    /// The last item, or an undefined value when there is none. Generators cannot be reversed.
    ///
    ///     {{ [1, 2] | last }}  →  2
    static func last(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_last")
        switch value {
        case .list, .tuple, .dict, .string, .undefined: break
        case .object(let object) where object.length != nil: break
        // `reversed()` needs a sequence; generators and numbers are not.
        default: throw RuntimeFailure.type("'\(value.typeName)' object is not reversible")
        }
        return try BuiltinSupport.iterate(value, context).last
            ?? .undefined(Undefined(.hint("No last item, sequence was empty.")))
    }

    /// A random item, or an undefined value for an empty sequence.
    ///
    ///     {{ ['a', 'b'] | random }}  →  a or b
    static func random(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_random")
        let count = try BuiltinSupport.length(value, context)
        guard count > 0 else { return .undefined(Undefined(.hint("No random item, sequence was empty."))) }
        let index = Value.int(Int.random(in: 0..<count))
        // `random.choice` indexes the sequence, so a dict is looked up by the integer.
        if case .dict(let dict) = value {
            guard let item = dict[index] else { throw RuntimeFailure.value(index.pyRepr) }
            return item
        }
        return try value.item(index, context)
    }

    /// The number of items (Python's `len`).
    ///
    ///     {{ [1, 2, 3] | length }}  →  3
    static func length(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "len")
        return .int(try BuiltinSupport.length(value, context))
    }

    /// A new list of the items; a string gives its characters.
    ///
    ///     {{ 'ab' | list }}  →  ['a', 'b']
    static func list(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_list")
        return .list(try BuiltinSupport.iterate(value, context))
    }

    /// The items' strings joined with `d`, or an attribute of each with `attribute`.
    ///
    ///     {{ [1, 2, 3] | join('|') }}  →  1|2|3
    static func join(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["d", "attribute"], ["d": .emptyString, "attribute": .none], "do_join")
        var items = try BuiltinSupport.iterate(value, context)
        if !bound["attribute"].isNone {
            let getter = BuiltinSupport.attributeGetter(bound["attribute"], context)
            items = try items.map(getter)
        }
        let separator = try BuiltinSupport.string(bound["d"], context)
        return .string(try items.map { try BuiltinSupport.string($0, context) }.joined(separator: separator))
    }

    /// A string reversed, or an iterator over the items in reverse order.
    ///
    ///     {{ [1, 2] | reverse | list }}  →  [2, 1]
    static func reverse(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "do_reverse")
        try BuiltinSupport.requireDefined(value, context)
        let kind: String
        switch value {
        case .string(let s): return .string(PyText.string(s.unicodeScalars.reversed()))
        case .list: kind = "list_reverseiterator"
        case .dict: kind = "dict_reversekeyiterator"
        case .tuple, .undefined, .object(is GroupTuple): kind = "reversed"
        case .object:
            // Not reversible: Jinja2 falls back to `list(value)` reversed.
            do {
                return .list(Array(try value.iterate(context).reversed()))
            } catch RuntimeFailure.type {
                throw RuntimeFailure.value("argument must be iterable")
            }
        default: throw RuntimeFailure.value("argument must be iterable")
        }
        return .object(PyIterator(kind) { context in Array(try value.iterate(context).reversed()) })
    }

    /// The sum of the items (or of an attribute of each) plus `start`.
    ///
    ///     {{ [{'n': 1}, {'n': 2}] | sum(attribute='n') }}  →  3
    static func sum(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["attribute", "start"], ["attribute": .none, "start": .int(0)], "do_sum")
        var items = try BuiltinSupport.iterate(value, context)
        if !bound["attribute"].isNone {
            items = try items.map(BuiltinSupport.attributeGetter(bound["attribute"], context))
        }
        var total = bound["start"]
        if case .string = total {
            throw RuntimeFailure.type("sum() can't sum strings [use ''.join(seq) instead]")
        }
        for item in items { total = try Operators.binary(.add, total, item) }
        return total
    }
}
