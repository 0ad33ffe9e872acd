/// Filters that apply another filter, a test or an attribute lookup to each item: `map`,
/// `select` and friends, `sort`, `unique`, `min`, `max` and `groupby`.
extension BuiltinFilters {
    /// Applies a filter to each item (`map('upper')`), or looks up an attribute of each
    /// (`map(attribute='name', default='?')`). Returns a generator.
    ///
    ///     {{ users | map(attribute='name') | join(', ') }}  →  ann, bob
    static func map(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        PyIterator.generator("sync_do_map") { context in
            guard try BuiltinSupport.truth(value, context) else { return [] }
            let function = try mapFunction(arguments, context)
            return try BuiltinSupport.iterate(value, context).map(function)
        }
    }

    /// Jinja2's `prepare_map`.
    private static func mapFunction(_ arguments: Arguments, _ context: CallContext) throws -> (Value) throws
        -> Value
    {
        if arguments.positional.isEmpty, let attribute = arguments.keyword("attribute") {
            let fallback = arguments.keyword("default") ?? .none
            if let unexpected = arguments.keywords.first(where: {
                $0.name != "attribute" && $0.name != "default"
            }) {
                throw RuntimeFailure.value("Unexpected keyword argument \(pyStringRepr(unexpected.name))")
            }
            return BuiltinSupport.attributeGetter(attribute, context, fallback: fallback)
        }
        guard let name = arguments.positional.first else {
            throw RuntimeFailure.value("map requires a filter argument")
        }
        let rest = Arguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
        let filterName = try BuiltinSupport.string(name, context)
        return { item in try context.applyFilter(filterName, item, rest) }
    }

    /// Keeps the items that pass a test (or are truthy when no test is named). Returns a generator.
    ///
    ///     {{ [1, 2, 3, 4] | select('even') | list }}  →  [2, 4]
    static func select(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        selectOrReject(value, arguments, keep: true, byAttribute: false)
    }

    /// Drops the items that pass a test (or are truthy when no test is named). Returns a generator.
    ///
    ///     {{ [1, 2, 3, 4] | reject('even') | list }}  →  [1, 3]
    static func reject(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        selectOrReject(value, arguments, keep: false, byAttribute: false)
    }

    /// Keeps the items whose attribute passes a test (or is truthy). Returns a generator.
    ///
    ///     {{ users | selectattr('active') | list }}
    static func selectattr(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        selectOrReject(value, arguments, keep: true, byAttribute: true)
    }

    /// Drops the items whose attribute passes a test (or is truthy). Returns a generator.
    ///
    ///     {{ users | rejectattr('email', 'none') | list }}
    static func rejectattr(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        selectOrReject(value, arguments, keep: false, byAttribute: true)
    }

    /// Jinja2's `select_or_reject`, including its laziness: bad arguments fail on iteration.
    private static func selectOrReject(_ value: Value, _ arguments: Arguments, keep: Bool, byAttribute: Bool)
        -> Value
    {
        PyIterator.generator("select_or_reject") { context in
            guard try BuiltinSupport.truth(value, context) else { return [] }
            var positional = arguments.positional[...]
            var transform: (Value) throws -> Value = { $0 }
            if byAttribute {
                guard let attribute = positional.popFirst() else {
                    throw RuntimeFailure.value("Missing parameter for attribute name")
                }
                transform = BuiltinSupport.attributeGetter(attribute, context)
            }
            let check: (Value) throws -> Bool
            if let name = positional.popFirst() {
                let testName = try BuiltinSupport.string(name, context)
                let rest = Arguments(Array(positional), keywords: arguments.keywords)
                check = { try context.applyTest(testName, $0, rest) }
            } else {
                check = { try BuiltinSupport.truth($0, context) }
            }
            return try BuiltinSupport.iterate(value, context).filter { try check(try transform($0)) == keep }
        }
    }

    /// A sorted list, ignoring case unless `case_sensitive`; `attribute` may be a dotted path
    /// or several comma-separated ones.
    ///
    ///     {{ ['b', 'A', 'a'] | sort }}  →  ['A', 'a', 'b']
    static func sort(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["reverse", "case_sensitive", "attribute"],
            ["reverse": .bool(false), "case_sensitive": .bool(false), "attribute": .none], "do_sort")
        let key = BuiltinSupport.multiAttributeGetter(
            bound["attribute"], context, lowercase: !bound["case_sensitive"].isTruthy)
        let items = try BuiltinSupport.iterate(value, context)
        return .list(try BuiltinSupport.sorted(items, reverse: bound["reverse"].isTruthy, key: key))
    }

    /// The items without repeats, in first-seen order, ignoring case unless `case_sensitive`.
    /// Returns a generator.
    ///
    ///     {{ ['a', 'A', 'b'] | unique | list }}  →  ['a', 'b']
    static func unique(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["case_sensitive", "attribute"], ["case_sensitive": .bool(false), "attribute": .none],
            "sync_do_unique")
        return PyIterator.generator("sync_do_unique") { context in
            let key = BuiltinSupport.attributeGetter(
                bound["attribute"], context, lowercase: !bound["case_sensitive"].isTruthy)
            var seen = Set<BuiltinSupport.SetKey>()
            var result: [Value] = []
            for item in try BuiltinSupport.iterate(value, context)
            where seen.insert(try BuiltinSupport.SetKey(try key(item))).inserted {
                result.append(item)
            }
            return result
        }
    }

    /// The smallest item (the first of equals), or undefined for an empty sequence.
    ///
    ///     {{ [3, 1, 2] | min }}  →  1
    static func min(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        try extreme(value, arguments, context, op: "<", function: "do_min")
    }

    /// The largest item (the first of equals), or undefined for an empty sequence.
    ///
    ///     {{ [3, 1, 2] | max }}  →  3
    static func max(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        try extreme(value, arguments, context, op: ">", function: "do_max")
    }

    /// Jinja2's `_min_or_max`: Python's `min`/`max`, which keep the first item unless a later
    /// one compares strictly `<` (or `>`).
    private static func extreme(
        _ value: Value, _ arguments: Arguments, _ context: CallContext, op: String, function: String
    ) throws -> Value {
        let bound = try bind(
            arguments, ["case_sensitive", "attribute"], ["case_sensitive": .bool(false), "attribute": .none],
            function)
        let items = try BuiltinSupport.iterate(value, context)
        guard var best = items.first else {
            return .undefined(Undefined(.hint("No aggregated item, sequence was empty.")))
        }
        let key = BuiltinSupport.attributeGetter(
            bound["attribute"], context, lowercase: !bound["case_sensitive"].isTruthy)
        var bestKey = try key(best)
        let wanted = op == "<" ? -1 : 1
        for item in items.dropFirst() {
            let itemKey = try key(item)
            if try BuiltinSupport.order(itemKey, bestKey, op) == wanted {
                best = item
                bestKey = itemKey
            }
        }
        return best
    }

    /// Groups the items by an attribute (sorted by it first): a list of `(grouper, list)`
    /// tuples that also answer `.grouper` and `.list`.
    ///
    ///     {% for city, people in users | groupby('city') %}{{ city }}: {{ people | length }} {% endfor %}
    static func groupby(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["attribute", "default", "case_sensitive"],
            ["default": .none, "case_sensitive": .bool(false)],
            "sync_do_groupby")
        let caseSensitive = bound["case_sensitive"].isTruthy
        let key = BuiltinSupport.attributeGetter(
            bound["attribute"], context, lowercase: !caseSensitive, fallback: bound["default"])
        // `sorted(value, key=expr)` compares the keys themselves, not one-item lists.
        var keyed = try BuiltinSupport.iterate(value, context).map { (key: try key($0), value: $0) }
        keyed = try BuiltinSupport.mergeSort(keyed) { later, earlier in
            try BuiltinSupport.order(later.key, earlier.key, "<") < 0
        }
        var groups: [(key: Value, items: [Value])] = []
        for entry in keyed {
            // `itertools.groupby` starts a new group whenever the key changes (by `==`).
            if let last = groups.last, last.key.pyEquals(entry.key) {
                groups[groups.count - 1].items.append(entry.value)
            } else {
                groups.append((entry.key, [entry.value]))
            }
        }
        let display =
            caseSensitive
            ? nil : BuiltinSupport.attributeGetter(bound["attribute"], context, fallback: bound["default"])
        return .list(
            try groups.map { group in
                // Case-insensitive grouping shows the first item's own spelling of the key.
                let grouper = try display.map { try $0(group.items[0]) } ?? group.key
                return .object(GroupTuple(grouper: grouper, list: group.items))
            })
    }
}
