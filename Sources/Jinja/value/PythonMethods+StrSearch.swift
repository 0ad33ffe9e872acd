/// `str` methods that search for substrings: find, count, replace, split, strip, partition,
/// prefix and suffix tests. Positions are code-point offsets, as in Python.
///
///     {{ 'a.b.c'.rsplit('.', 1) }}  →  ['a.b', 'c']
///     {{ 'model_x'.removeprefix('model_') }}  →  x
extension PythonMethods {
    static func strSearchMethod(_ s: String, _ name: String) -> Body? {
        switch name {
        case "find", "rfind", "index", "rindex":
            return { call, _ in try find(s, call) }
        case "count":
            return { call, _ in
                let (sub, start, end) = try searchArguments(call)
                return .int(PyText.count(Array(s.unicodeScalars), sub, start, end))
            }
        case "startswith", "endswith":
            return { call, _ in try affixTest(s, call) }
        case "replace":
            return { call, _ in
                let arguments = try call.positional(min: 2, max: 3)
                let old = try stringArgument(arguments[0], "replace() argument 1")
                let new = try stringArgument(arguments[1], "replace() argument 2")
                let count = arguments.count == 3 ? try PyIndex.integer(arguments[2]) : -1
                return .string(PyText.replace(s, old, new, count: count))
            }
        case "strip", "lstrip", "rstrip":
            return { call, _ in
                let arguments = try call.positional(min: 0, max: 1)
                var chars: Set<Unicode.Scalar>?
                switch arguments.first {
                case nil, .none?: chars = nil
                case .string(let text)?: chars = Set(text.unicodeScalars)
                default: throw RuntimeFailure.type("\(name) arg must be None or str")
                }
                return .string(PyText.strip(s, chars, left: name != "rstrip", right: name != "lstrip"))
            }
        case "split", "rsplit":
            return { call, _ in
                let arguments = try call.optionalKeywords(["sep", "maxsplit"])
                var separator: [Unicode.Scalar]?
                switch arguments[0] {
                case nil, .none?: separator = nil
                case .string(let text)?:
                    if text.isEmpty { throw RuntimeFailure.value("empty separator") }
                    separator = Array(text.unicodeScalars)
                case let other?:
                    throw RuntimeFailure.type("must be str or None, not \(other.typeName)")
                }
                let maxsplit = try arguments[1].map(PyIndex.integer) ?? -1
                let limit = maxsplit < 0 ? Int.max : maxsplit
                let parts =
                    name == "split"
                    ? PyText.split(Array(s.unicodeScalars), separator, limit: limit)
                    : PyText.rsplit(Array(s.unicodeScalars), separator, limit: limit)
                return .list(parts.map(Value.string))
            }
        case "splitlines":
            return { call, _ in
                let keepends = try call.optionalKeywords(["keepends"])[0]
                let keep = try keepends.map { try PyIndex.integer($0) != 0 } ?? false
                return .list(PyText.splitLines(s, keepends: keep).map(Value.string))
            }
        case "partition", "rpartition":
            return { call, _ in
                let separator = try stringArgument(try call.single(), nil)
                if separator.isEmpty { throw RuntimeFailure.value("empty separator") }
                let scalars = Array(s.unicodeScalars)
                let sep = Array(separator.unicodeScalars)
                let found =
                    name == "partition"
                    ? PyText.find(scalars, sep, 0, scalars.count)
                    : PyText.rfind(scalars, sep, 0, scalars.count)
                guard let found else {
                    return name == "partition"
                        ? .tuple([.string(s), .emptyString, .emptyString])
                        : .tuple([.emptyString, .emptyString, .string(s)])
                }
                return .tuple([
                    .string(PyText.string(scalars[..<found])), .string(separator),
                    .string(PyText.string(scalars[(found + sep.count)...])),
                ])
            }
        case "removeprefix", "removesuffix":
            return { call, _ in
                let affix = try stringArgument(try call.single(), "\(name)() argument")
                let scalars = s.unicodeScalars
                if name == "removeprefix", scalars.starts(with: affix.unicodeScalars) {
                    return .string(String(scalars.dropFirst(affix.unicodeScalars.count)))
                }
                if name == "removesuffix", !affix.isEmpty,
                    scalars.reversed().starts(with: affix.unicodeScalars.reversed())
                {
                    return .string(String(scalars.dropLast(affix.unicodeScalars.count)))
                }
                return .string(s)
            }
        default:
            return nil
        }
    }

    /// A str argument, or Python's `TypeError`: `must be str, not int` when `label` is nil,
    /// else `<label> must be str, not int`.
    private static func stringArgument(_ value: Value, _ label: String?) throws -> String {
        guard case .string(let text) = value else {
            throw RuntimeFailure.type("\(label.map { "\($0) " } ?? "")must be str, not \(value.typeName)")
        }
        return text
    }

    /// `(sub[, start[, end]])` of `find`, `index`, `count` and their `r` variants.
    private static func searchArguments(_ call: MethodCall) throws -> ([Unicode.Scalar], Int?, Int?) {
        let arguments = try call.legacyPositional(min: 1, max: 3)
        let sub = try stringArgument(arguments[0], nil)
        let start = try PyIndex.sliceBound(arguments.count > 1 ? arguments[1] : nil)
        let end = try PyIndex.sliceBound(arguments.count > 2 ? arguments[2] : nil)
        return (Array(sub.unicodeScalars), start, end)
    }

    private static func find(_ s: String, _ call: MethodCall) throws -> Value {
        let (sub, start, end) = try searchArguments(call)
        let scalars = Array(s.unicodeScalars)
        let (from, to) = PyIndex.adjust(start: start, end: end, count: scalars.count)
        let reverse = call.name.hasPrefix("r")
        let found = reverse ? PyText.rfind(scalars, sub, from, to) : PyText.find(scalars, sub, from, to)
        if let found { return .int(found) }
        if call.name.hasSuffix("index") { throw RuntimeFailure.value("substring not found") }
        return .int(-1)
    }

    /// `startswith`/`endswith` with a str or a tuple of str and optional bounds.
    private static func affixTest(_ s: String, _ call: MethodCall) throws -> Value {
        let arguments = try call.legacyPositional(min: 1, max: 3)
        let scalars = Array(s.unicodeScalars)
        let start = try PyIndex.sliceBound(arguments.count > 1 ? arguments[1] : nil)
        let end = try PyIndex.sliceBound(arguments.count > 2 ? arguments[2] : nil)
        let (from, to) = PyIndex.adjust(start: start, end: end, count: scalars.count)
        let atEnd = call.name == "endswith"
        func matches(_ affix: String) -> Bool {
            let needle = Array(affix.unicodeScalars)
            // CPython's `tailmatch`: a start past the end never matches, even for "".
            guard from <= scalars.count, to - from >= needle.count else { return false }
            let offset = atEnd ? to - needle.count : from
            return scalars[offset..<(offset + needle.count)].elementsEqual(needle)
        }
        switch arguments[0] {
        case .string(let affix):
            return .bool(matches(affix))
        case .tuple(let items):
            for item in items {
                guard case .string(let affix) = item else {
                    throw RuntimeFailure.type(
                        "tuple for \(call.name) must only contain str, not \(item.typeName)")
                }
                if matches(affix) { return .bool(true) }
            }
            return .bool(false)
        default:
            throw RuntimeFailure.type(
                "\(call.name) first arg must be str or a tuple of str, not \(arguments[0].typeName)")
        }
    }
}
