/// Jinja2's default globals (`jinja2.defaults.DEFAULT_NAMESPACE`): `range`, `dict`,
/// `namespace`, `lipsum`, `cycler` and `joiner`.
enum BuiltinGlobals {
    static let all: [String: Value] = [
        "range": .callable(BuiltinGlobal("range", repr: "<function safe_range>", range)),
        "dict": .callable(BuiltinGlobal("dict", repr: "<class 'dict'>", dict)),
        "lipsum": .callable(BuiltinGlobal("lipsum", repr: "<function generate_lorem_ipsum>", lipsum)),
        "cycler": .callable(BuiltinGlobal("cycler", repr: "<class 'jinja2.utils.Cycler'>", cycler)),
        "joiner": .callable(BuiltinGlobal("joiner", repr: "<class 'jinja2.utils.Joiner'>", joiner)),
        "namespace": .callable(
            BuiltinGlobal("namespace", repr: "<class 'jinja2.utils.Namespace'>", namespace)),
    ]

    /// Python's `range(stop)` / `range(start, stop[, step])` as a list, refusing more than
    /// `limits.maxRange` items as Jinja2's sandbox does.
    ///
    ///     {{ range(5, 0, -2) | list }}  →  [5, 3, 1]
    static func range(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        guard arguments.keywords.isEmpty else {
            throw RuntimeFailure.type("range() takes no keyword arguments")
        }
        let values = try arguments.positional.map(BuiltinSupport.integer)
        let start: Int, stop: Int, step: Int
        switch values.count {
        case 1: (start, stop, step) = (0, values[0], 1)
        case 2: (start, stop, step) = (values[0], values[1], 1)
        case 3: (start, stop, step) = (values[0], values[1], values[2])
        case 0: throw RuntimeFailure.type("range expected at least 1 argument, got 0")
        default: throw RuntimeFailure.type("range expected at most 3 arguments, got \(values.count)")
        }
        guard step != 0 else { throw RuntimeFailure.value("range() arg 3 must not be zero") }
        let span =
            step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
        let stride = step.magnitude
        let count =
            span.overflow
            ? UInt.max : (span.partialValue <= 0 ? 0 : (UInt(span.partialValue) - 1) / stride + 1)
        let maximum = context.environment.limits.maxRange
        guard count <= UInt(maximum) else {
            throw RuntimeFailure.security(
                "Range too big. The sandbox blocks ranges larger than MAX_RANGE (\(maximum)).")
        }
        // A list rather than a lazy `range` object, so that slicing and every list operation
        // work; only `{{ range(3) }}` differs, printing `[0, 1, 2]` instead of `range(0, 3)`.
        return .list((0..<Int(count)).map { .int(start + $0 * step) })
    }

    /// A new dict from an optional mapping or list of pairs, then keyword arguments.
    ///
    ///     {{ dict(a=1, b=2) }}  →  {'a': 1, 'b': 2}
    static func dict(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        .dict(try pythonDict(arguments, context, function: "dict"))
    }

    /// Python's `dict(*args, **kwargs)`.
    private static func pythonDict(_ arguments: Arguments, _ context: CallContext, function: String) throws
        -> PyDict
    {
        guard arguments.positional.count <= 1 else {
            throw RuntimeFailure.type(
                "\(function) expected at most 1 argument, got \(arguments.positional.count)")
        }
        let result = PyDict()
        if let source = arguments.positional.first {
            if case .dict(let dict) = source {
                for (key, value) in dict.pairs { result[key] = value }
            } else {
                for (position, pair) in try BuiltinSupport.iterate(source, context).enumerated() {
                    let fields: [Value]
                    do {
                        fields = try BuiltinSupport.iterate(pair, context)
                    } catch RuntimeFailure.type {
                        throw RuntimeFailure.type(
                            "cannot convert dictionary update sequence element #\(position) to a sequence")
                    }
                    guard fields.count == 2 else {
                        throw RuntimeFailure.value(
                            "dictionary update sequence element #\(position) has length \(fields.count); 2 is required"
                        )
                    }
                    guard HashKey(fields[0]) != nil else {
                        throw RuntimeFailure.type("unhashable type: '\(fields[0].typeName)'")
                    }
                    result[fields[0]] = fields[1]
                }
            }
        }
        for (name, value) in arguments.keywords { result[string: name] = value }
        return result
    }

    /// Random lorem ipsum: `n` paragraphs of `min` to `max` words, as HTML unless `html=False`.
    ///
    ///     {{ lipsum(1, false) }}
    static func lipsum(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try arguments.bind(
            ["n", "html", "min", "max"],
            defaults: ["n": .int(5), "html": .bool(true), "min": .int(20), "max": .int(100)],
            function: "generate_lorem_ipsum")
        return .string(
            try LoremIpsum.generate(
                paragraphs: try BuiltinSupport.integer(bound["n"]), html: bound["html"].isTruthy,
                min: try BuiltinSupport.integer(bound["min"]), max: try BuiltinSupport.integer(bound["max"])))
    }

    /// An object cycling through the given items.
    ///
    ///     {% set row = cycler('odd', 'even') %}{{ row.next() }}  →  odd
    static func cycler(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        guard arguments.keywords.isEmpty else {
            throw RuntimeFailure.type(
                "Cycler.__init__() got an unexpected keyword argument '\(arguments.keywords[0].name)'")
        }
        guard !arguments.positional.isEmpty else {
            throw RuntimeFailure.value("at least one item has to be provided")
        }
        return .object(Cycler(arguments.positional))
    }

    /// A callable that returns '' the first time and `sep` afterwards.
    ///
    ///     {% set comma = joiner() %}{% for x in xs %}{{ comma() }}{{ x }}{% endfor %}
    static func joiner(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try arguments.bind(["sep"], defaults: ["sep": .string(", ")], function: "Joiner.__init__")
        return .object(Joiner(bound["sep"]))
    }

    /// An object with assignable attributes, initialised from a dict and/or keyword arguments.
    ///
    ///     {% set ns = namespace(found=false) %}{% set ns.found = true %}{{ ns.found }}  →  True
    static func namespace(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        .object(Namespace(try pythonDict(arguments, context, function: "dict")))
    }
}
