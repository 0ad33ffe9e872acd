/// Python's `range` object, which the `range()` global returns: a lazy, indexable sequence
/// that prints as `range(0, 3)` rather than as a list.
final class PyRange: JinjaObject {
    let start: Int
    let stop: Int
    let step: Int
    let count: Int

    /// - Precondition: `step` is not zero and `count` is the number of items, as `range()` computed.
    init(start: Int, stop: Int, step: Int, count: Int) {
        self.start = start
        self.stop = stop
        self.step = step
        self.count = count
    }

    var typeName: String { "range" }

    var pyRepr: String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }

    var length: Int? { count }

    var isTruthy: Bool { count > 0 }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let index = key.intValue else { return nil }
        let position = index < 0 ? index + count : index
        guard position >= 0 && position < count else { return nil }
        return .int(start + position * step)
    }

    func iterate(_ context: CallContext) throws -> [Value]? {
        (0..<count).map { .int(start + $0 * step) }
    }

    /// The `start`, `stop` and `step` attributes.
    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "start": return .int(start)
        case "stop": return .int(stop)
        case "step": return .int(step)
        default: return nil
        }
    }
}
