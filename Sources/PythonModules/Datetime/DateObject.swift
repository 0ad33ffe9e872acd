import Jinja

/// `datetime.date` as a Jinja value: `{{ d }}` prints `2024-01-31`.
final class DateObject: JinjaObject {
    let date: CivilDate

    init(_ date: CivilDate) { self.date = date }

    static func value(_ date: CivilDate) -> Value { .object(DateObject(date)) }

    var typeName: String { "datetime.date" }
    var pyStr: String { date.isoFormat }
    var pyRepr: String { "datetime.date(\(date.year), \(date.month), \(date.day))" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        if let value = CalendarAttributes.attribute(date, name) { return value }
        switch name {
        case "isoformat", "__str__":
            return .method(name) { arguments in
                _ = try CArguments(arguments, [], function: name)
                return .string(self.date.isoFormat)
            }
        case "strftime":
            return .method(name) { arguments in
                let format = try CArguments(arguments, ["format"], required: 1, function: name)
                return .string(
                    try Strftime.format(
                        try PyConvert.string(format[0] ?? .none, "strftime() argument 1"), date: self.date,
                        time: .midnight, offset: nil, zoneName: nil))
            }
        case "ctime":
            return .method(name) { arguments in
                _ = try CArguments(arguments, [], function: name)
                return .string(Strftime.ctime(self.date, .midnight))
            }
        case "replace":
            return .method(name) { arguments in
                let bound = try CArguments(arguments, ["year", "month", "day"], function: "replace")
                return DateObject.value(
                    try CivilDate.checked(
                        year: try bound[0].map(PyConvert.cInt) ?? self.date.year,
                        month: try bound[1].map(PyConvert.cInt) ?? self.date.month,
                        day: try bound[2].map(PyConvert.cInt) ?? self.date.day))
            }
        case "min", "max", "resolution": return DatetimeModule.dateConstant(name)
        default: return nil
        }
    }

    func isEqual(to other: Value) -> Bool? {
        if let other = other.object(DateObject.self) { return date == other.date }
        if other.object(DateTimeObject.self) != nil { return false }
        return nil
    }

    func compare(to other: Value) -> Int? {
        guard let other = other.object(DateObject.self) else { return nil }
        return date < other.date ? -1 : (date == other.date ? 0 : 1)
    }

    /// `date ± timedelta` (only the whole days count) and `date - date`.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if let delta = other.object(TimedeltaObject.self)?.delta {
            switch op {
            case .add: return DateObject.value(try date.adding(days: delta.days))
            case .subtract where !reflected: return DateObject.value(try date.adding(days: -delta.days))
            default: return nil
            }
        }
        if op == .subtract, let other = other.object(DateObject.self) {
            let days = reflected ? other.date.ordinal - date.ordinal : date.ordinal - other.date.ordinal
            return TimedeltaObject.value(try Timedelta(days: days))
        }
        return nil
    }
}
