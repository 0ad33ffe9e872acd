import Jinja

/// `count()`, `cycle()` and `repeat(x)`: iterators without end, kept lazy so `islice` and
/// `takewhile` can take from them.
final class InfiniteIterator: JinjaObject {
    enum Kind {
        case count(start: Value, step: Value)
        case repeating(Value)
        case cycle([Value])
    }

    /// How many items a plain loop over one of these visits before stopping.
    static let limit = 100_000

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    func element(_ index: Int) -> Value {
        switch kind {
        case .count(let start, let step):
            if case .int(let a) = start, case .int(let b) = step { return .int(a + b * index) }
            return .float((PyConvert.double(start) ?? 0) + (PyConvert.double(step) ?? 0) * Double(index))
        case .repeating(let value): return value
        case .cycle(let values): return values.isEmpty ? .none : values[index % values.count]
        }
    }

    var typeName: String {
        switch kind {
        case .count: return "itertools.count"
        case .repeating: return "itertools.repeat"
        case .cycle: return "itertools.cycle"
        }
    }

    var pyRepr: String {
        switch kind {
        case .count(let start, let step):
            if case .int(1) = step { return "count(\(start.pyRepr))" }
            return "count(\(start.pyRepr), \(step.pyRepr))"
        case .repeating(let value): return "repeat(\(value.pyRepr))"
        case .cycle: return "<itertools.cycle object>"
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? {
        if case .cycle(let values) = kind, values.isEmpty { return [] }
        return (0..<InfiniteIterator.limit).map(element)
    }
}
