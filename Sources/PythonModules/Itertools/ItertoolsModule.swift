import Jinja

/// Python's `itertools`. Where Python returns a lazy iterator, these return a list of what it
/// would yield (`groupby` yields `(key, list)` tuples), since templates loop over or print them.
/// `count()`, `cycle()` and `repeat(x)` without a count stay lazy objects; looping over one
/// directly stops after `InfiniteIterator.limit` items.
enum ItertoolsModule {
    static func make() -> PyModuleObject {
        var members: [String: Value] = [:]
        members["chain"] = .object(
            PyClassObject(
                "itertools.chain",
                members: [
                    "from_iterable": .function("from_iterable") { arguments, context in
                        let bound = try arguments.bind(["iterable"], function: "from_iterable")
                        return .list(try items(bound[0], context).flatMap { try items($0, context) })
                    }
                ]
            ) { arguments, context in
                try noKeywords(arguments, "chain")
                return .list(try arguments.positional.flatMap { try items($0, context) })
            })
        members["product"] = .function("product") { arguments, context in
            var repeatCount = 1
            for (name, value) in arguments.keywords {
                guard name == "repeat" else {
                    throw PyError.type("'\(name)' is an invalid keyword argument for product()")
                }
                repeatCount = try PyConvert.int(value)
            }
            guard repeatCount >= 0 else { throw PyError.value("repeat argument cannot be negative") }
            let pools = try arguments.positional.map { try items($0, context) }
            var result: [[Value]] = [[]]
            for pool in Array(repeating: pools, count: repeatCount).joined() {
                result = result.flatMap { prefix in pool.map { prefix + [$0] } }
                try checkSize(result.count)
            }
            return .list(result.map(Value.tuple))
        }
        members["combinations"] = .function("combinations") { arguments, context in
            let bound = try arguments.bind(["iterable", "r"], function: "combinations")
            let pool = try items(bound[0], context)
            let r = try PyConvert.int(bound[1])
            guard r >= 0 else { throw PyError.value("r must be non-negative") }
            return .list(try combinations(pool, r, replacement: false).map(Value.tuple))
        }
        members["combinations_with_replacement"] = .function("combinations_with_replacement") {
            arguments, context in
            let bound = try arguments.bind(["iterable", "r"], function: "combinations_with_replacement")
            let pool = try items(bound[0], context)
            let r = try PyConvert.int(bound[1])
            guard r >= 0 else { throw PyError.value("r must be non-negative") }
            return .list(try combinations(pool, r, replacement: true).map(Value.tuple))
        }
        members["permutations"] = .function("permutations") { arguments, context in
            let bound = try arguments.bind(
                ["iterable", "r"], defaults: ["r": .none], function: "permutations")
            let pool = try items(bound[0], context)
            let r = bound[1].isNone ? pool.count : try PyConvert.int(bound[1])
            guard r >= 0 else { throw PyError.value("r must be non-negative") }
            return .list(try permutations(pool, r).map(Value.tuple))
        }
        members["groupby"] = .function("groupby") { arguments, context in
            let bound = try arguments.bind(
                ["iterable", "key"], defaults: ["key": .none], function: "groupby")
            var groups: [(Value, [Value])] = []
            for item in try items(bound[0], context) {
                let key = bound[1].isNone ? item : try context.call(bound[1], Arguments([item]))
                if let last = groups.last, last.0.pyEquals(key) {
                    groups[groups.count - 1].1.append(item)
                } else {
                    groups.append((key, [item]))
                }
            }
            return .list(groups.map { .tuple([$0.0, .list($0.1)]) })
        }
        members["islice"] = .function("islice") { arguments, context in
            try noKeywords(arguments, "islice")
            let positional = arguments.positional
            guard (2...4).contains(positional.count) else {
                throw PyError.type(
                    "islice expected \(positional.count < 2 ? "at least 2" : "at most 4") arguments, got \(positional.count)"
                )
            }
            func index(_ value: Value, _ message: String) throws -> Int? {
                if value.isNone { return nil }
                guard let i = value.intValue, i >= 0 else { throw PyError.value(message) }
                return i
            }
            let indices = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            var start = 0
            var stop: Int?
            var step = 1
            if positional.count == 2 {
                stop = try index(
                    positional[1],
                    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
            } else {
                start = try index(positional[1], indices) ?? 0
                stop = try index(positional[2], indices)
                if positional.count == 4 {
                    step =
                        try index(positional[3], "Step for islice() must be a positive integer or None.") ?? 1
                    guard step > 0 else {
                        throw PyError.value("Step for islice() must be a positive integer or None.")
                    }
                }
            }
            let source = try items(positional[0], context, upTo: stop)
            var picked: [Value] = []
            var i = start
            while i < source.count && (stop == nil || i < stop ?? 0) {
                picked.append(source[i])
                i += step
            }
            return .list(picked)
        }
        members["count"] = .method("count") { arguments in
            let bound = try arguments.bind(
                ["start", "step"], defaults: ["start": .int(0), "step": .int(1)], function: "count")
            for value in [bound[0], bound[1]] where PyConvert.double(value) == nil {
                throw PyError.type("a number is required")
            }
            return .object(InfiniteIterator(.count(start: bound[0], step: bound[1])))
        }
        members["repeat"] = .method("repeat") { arguments in
            let bound = try arguments.bind(
                ["object", "times"], defaults: ["times": .none], function: "repeat")
            if bound[1].isNone { return .object(InfiniteIterator(.repeating(bound[0]))) }
            let times = max(0, try PyConvert.int(bound[1]))
            try checkSize(times)
            return .list(Array(repeating: bound[0], count: times))
        }
        members["cycle"] = .function("cycle") { arguments, context in
            let bound = try arguments.bind(["iterable"], function: "cycle")
            return .object(InfiniteIterator(.cycle(try items(bound[0], context))))
        }
        members["zip_longest"] = .function("zip_longest") { arguments, context in
            var fill = Value.none
            for (name, value) in arguments.keywords {
                guard name == "fillvalue" else {
                    throw PyError.type("zip_longest() got an unexpected keyword argument '\(name)'")
                }
                fill = value
            }
            let columns = try arguments.positional.map { try items($0, context) }
            let length = columns.map(\.count).max() ?? 0
            return .list((0..<length).map { row in .tuple(columns.map { row < $0.count ? $0[row] : fill }) })
        }
        members["accumulate"] = .function("accumulate") { arguments, context in
            let bound = try arguments.bind(
                ["iterable", "func", "initial"], defaults: ["func": .none, "initial": .none],
                function: "accumulate")
            var source = try items(bound[0], context)
            if !bound[2].isNone { source.insert(bound[2], at: 0) }
            var result: [Value] = []
            var total: Value?
            for item in source {
                if let current = total {
                    total =
                        bound[1].isNone
                        ? try add(current, item, context)
                        : try context.call(bound[1], Arguments([current, item]))
                } else {
                    total = item
                }
                result.append(total ?? item)
            }
            return .list(result)
        }
        members["starmap"] = .function("starmap") { arguments, context in
            let bound = try arguments.bind(["function", "iterable"], function: "starmap")
            return .list(
                try items(bound[1], context).map {
                    try context.call(bound[0], Arguments(try items($0, context)))
                })
        }
        for name in ["takewhile", "dropwhile", "filterfalse"] {
            members[name] = .function(name) { arguments, context in
                let bound = try arguments.bind(["predicate", "iterable"], function: name)
                func test(_ item: Value) throws -> Bool {
                    if name == "filterfalse" && bound[0].isNone { return item.isTruthy }
                    return try context.call(bound[0], Arguments([item])).isTruthy
                }
                if name == "takewhile", let infinite = bound[1].object(InfiniteIterator.self) {
                    var taken: [Value] = []
                    for index in 0..<InfiniteIterator.limit {
                        let item = infinite.element(index)
                        guard try test(item) else { break }
                        taken.append(item)
                    }
                    return .list(taken)
                }
                let source = try items(bound[1], context)
                switch name {
                case "takewhile":
                    var taken: [Value] = []
                    for item in source {
                        guard try test(item) else { break }
                        taken.append(item)
                    }
                    return .list(taken)
                case "dropwhile":
                    var index = 0
                    while index < source.count, try test(source[index]) { index += 1 }
                    return .list(Array(source[index...]))
                default:
                    return .list(try source.filter { !(try test($0)) })
                }
            }
        }
        members["compress"] = .function("compress") { arguments, context in
            let bound = try arguments.bind(["data", "selectors"], function: "compress")
            let data = try items(bound[0], context)
            let selectors = try items(bound[1], context, upTo: data.count)
            return .list(zip(data, selectors).filter { $0.1.isTruthy }.map(\.0))
        }
        members["pairwise"] = .function("pairwise") { arguments, context in
            let bound = try arguments.bind(["iterable"], function: "pairwise")
            let source = try items(bound[0], context)
            return .list(source.indices.dropLast().map { .tuple([source[$0], source[$0 + 1]]) })
        }
        members["tee"] = .function("tee") { arguments, context in
            let bound = try arguments.bind(["iterable", "n"], defaults: ["n": .int(2)], function: "tee")
            let n = try PyConvert.int(bound[1])
            guard n >= 0 else { throw PyError.value("n must be >= 0") }
            let source = try items(bound[0], context)
            return .tuple((0..<n).map { _ in .list(source) })
        }
        return PyModuleObject("itertools", members)
    }

    /// The items of an iterable; an infinite iterator gives `upTo` items (or `InfiniteIterator.limit`).
    static func items(_ value: Value, _ context: CallContext, upTo: Int? = nil) throws -> [Value] {
        if let infinite = value.object(InfiniteIterator.self) {
            return (0..<min(upTo ?? InfiniteIterator.limit, InfiniteIterator.limit)).map(infinite.element)
        }
        return try value.iterate(context)
    }

    private static func noKeywords(_ arguments: Arguments, _ name: String) throws {
        if !arguments.keywords.isEmpty { throw PyError.type("\(name)() takes no keyword arguments") }
    }

    private static func checkSize(_ count: Int) throws {
        if count > 10_000_000 { throw RuntimeFailure.limit("the itertools result is too large") }
    }

    /// `accumulate`'s default `operator.add`.
    private static func add(_ a: Value, _ b: Value, _ context: CallContext) throws -> Value {
        switch (a, b) {
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.string, _): throw PyError.type("can only concatenate str (not \"\(b.typeName)\") to str")
        default: return try context.applyFilter("sum", .list([b]), Arguments([], keywords: [("start", a)]))
        }
    }

    /// Index tuples in lexicographic order, as Python's recipes produce them.
    private static func combinations(_ pool: [Value], _ r: Int, replacement: Bool) throws -> [[Value]] {
        let n = pool.count
        guard replacement ? (n > 0 || r == 0) : r <= n else { return [] }
        var result: [[Value]] = []
        var indices = replacement ? Array(repeating: 0, count: r) : Array(0..<r)
        while true {
            result.append(indices.map { pool[$0] })
            try checkSize(result.count)
            var i = r - 1
            while i >= 0 && indices[i] == (replacement ? n - 1 : i + n - r) { i -= 1 }
            if i < 0 { return result }
            indices[i] += 1
            for j in (i + 1)..<max(i + 1, r) { indices[j] = replacement ? indices[i] : indices[j - 1] + 1 }
        }
    }

    private static func permutations(_ pool: [Value], _ r: Int) throws -> [[Value]] {
        guard r <= pool.count else { return [] }
        var result: [[Value]] = []
        var used = Array(repeating: false, count: pool.count)
        var current: [Value] = []
        func extend() throws {
            if current.count == r {
                result.append(current)
                try checkSize(result.count)
                return
            }
            for index in pool.indices where !used[index] {
                used[index] = true
                current.append(pool[index])
                try extend()
                current.removeLast()
                used[index] = false
            }
        }
        try extend()
        return result
    }
}
