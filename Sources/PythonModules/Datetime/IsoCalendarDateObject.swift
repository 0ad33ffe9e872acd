import Jinja

/// `date.isocalendar()`'s result: a named tuple `(year, week, weekday)`.
final class IsoCalendarDateObject: JinjaObject {
    let fields: [Int]

    init(year: Int, week: Int, weekday: Int) { fields = [year, week, weekday] }

    var typeName: String { "datetime.IsoCalendarDate" }
    var pyRepr: String {
        "datetime.IsoCalendarDate(year=\(fields[0]), week=\(fields[1]), weekday=\(fields[2]))"
    }
    var length: Int? { 3 }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        guard let position = ["year", "week", "weekday"].firstIndex(of: name) else { return nil }
        return .int(fields[position])
    }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let index = key.intValue else { return nil }
        let position = index < 0 ? index + 3 : index
        guard (0..<3).contains(position) else { throw PyError.value("tuple index out of range") }
        return .int(fields[position])
    }

    func iterate(_ context: CallContext) throws -> [Value]? { fields.map(Value.int) }

    func isEqual(to other: Value) -> Bool? {
        if let other = other.object(IsoCalendarDateObject.self) { return fields == other.fields }
        if case .tuple(let items) = other {
            return Value.tuple(fields.map(Value.int)).pyEquals(.tuple(items))
        }
        return nil
    }

    func compare(to other: Value) -> Int? {
        let mine = Value.tuple(fields.map(Value.int))
        if let other = other.object(IsoCalendarDateObject.self) {
            return mine.pyCompare(.tuple(other.fields.map(Value.int)))
        }
        if case .tuple = other { return mine.pyCompare(other) }
        return nil
    }
}
