/// `list` methods, which mutate `PyList.items` in place so every alias sees the change, and
/// the two `tuple` methods.
///
///     {% set l = [3, 1] %}{% do l.append(2) %}{% do l.sort() %}{{ l }}  →  [1, 2, 3]
extension PythonMethods {
    static func listMethod(_ list: PyList, _ name: String) -> Body? {
        switch name {
        case "append":
            return { call, _ in
                list.items.append(try call.single())
                return .none
            }
        case "extend":
            return { call, context in
                list.items += try call.single().iterate(context)
                return .none
            }
        case "insert":
            return { call, _ in
                let arguments = try call.positional(min: 2, max: 2)
                list.items.insert(
                    arguments[1], at: clampedPosition(try PyIndex.integer(arguments[0]), list.items.count))
                return .none
            }
        case "pop":
            return { call, _ in
                let arguments = try call.positional(min: 0, max: 1)
                if list.items.isEmpty { throw RuntimeFailure.value("pop from empty list") }
                var position = try arguments.first.map(PyIndex.integer) ?? -1
                if position < 0 { position += list.items.count }
                guard list.items.indices.contains(position) else {
                    throw RuntimeFailure.value("pop index out of range")
                }
                return list.items.remove(at: position)
            }
        case "remove":
            return { call, _ in
                let item = try call.single()
                guard let position = list.items.firstIndex(where: { $0.pyEquals(item) }) else {
                    throw RuntimeFailure.value("list.remove(x): x not in list")
                }
                list.items.remove(at: position)
                return .none
            }
        case "index":
            return { call, _ in
                try sequenceIndex(list.items, call, missing: { "\($0.pyRepr) is not in list" })
            }
        case "count":
            return { call, _ in
                let item = try call.single()
                return .int(list.items.reduce(0) { $0 + ($1.pyEquals(item) ? 1 : 0) })
            }
        case "clear":
            return { call, _ in
                try call.noArguments()
                list.items.removeAll()
                return .none
            }
        case "copy":
            return { call, _ in
                try call.noArguments()
                return .list(list.items)
            }
        case "reverse":
            return { call, _ in
                try call.noArguments()
                list.items.reverse()
                return .none
            }
        case "sort":
            return { call, context in
                try sort(list, call, context)
                return .none
            }
        default:
            return nil
        }
    }

    static func tupleMethod(_ items: [Value], _ name: String) -> Body? {
        switch name {
        case "index":
            return { call, _ in
                try sequenceIndex(items, call, missing: { _ in "tuple.index(x): x not in tuple" })
            }
        case "count":
            return { call, _ in
                let item = try call.single()
                return .int(items.reduce(0) { $0 + ($1.pyEquals(item) ? 1 : 0) })
            }
        default:
            return nil
        }
    }

    /// `list.insert` clamps the position to the list instead of failing.
    private static func clampedPosition(_ position: Int, _ count: Int) -> Int {
        position < 0 ? max(0, position + count) : min(position, count)
    }

    /// `index(x[, start[, end]])` of lists and tuples.
    private static func sequenceIndex(
        _ items: [Value], _ call: MethodCall, missing: (Value) -> String
    ) throws -> Value {
        let arguments = try call.positional(min: 1, max: 3)
        let message = "slice indices must be integers or have an __index__ method"
        let start = try PyIndex.sliceBound(arguments.count > 1 ? arguments[1] : nil, message: message)
        let end = try PyIndex.sliceBound(arguments.count > 2 ? arguments[2] : nil, message: message)
        let (from, to) = PyIndex.adjust(start: start, end: end, count: items.count)
        if from < to, let found = items[from..<to].firstIndex(where: { $0.pyEquals(arguments[0]) }) {
            return .int(found)
        }
        throw RuntimeFailure.value(missing(arguments[0]))
    }

    /// `list.sort(*, key=None, reverse=False)`: stable, using Python's `<`.
    private static func sort(_ list: PyList, _ call: MethodCall, _ context: CallContext) throws {
        if !call.arguments.positional.isEmpty {
            throw RuntimeFailure.type("sort() takes no positional arguments")
        }
        if call.arguments.keywords.count > 2 {
            throw RuntimeFailure.type(
                "sort() takes at most 2 keyword arguments (\(call.arguments.keywords.count) given)")
        }
        let options = try call.optionalKeywords(["key", "reverse"])
        let reverse = try options[1].map { try PyIndex.integer($0) != 0 } ?? false
        var keys = list.items
        if let key = options[0], !key.isNone {
            keys = try list.items.map { try context.call(key, Arguments([$0])) }
        }
        // CPython sorts a reversed list and reverses the result, which keeps equal items in
        // their original order.
        var order = Array(keys.indices)
        if reverse { order.reverse() }
        order = try PySort.stableSorted(order) { try PySort.less(keys[$0], keys[$1]) }
        if reverse { order.reverse() }
        list.items = order.map { list.items[$0] }
    }
}
