import Jinja

/// `datetime.timedelta` as a Jinja value: `{{ td }}` prints `1 day, 0:00:00`.
final class TimedeltaObject: JinjaObject {
    let delta: Timedelta

    init(_ delta: Timedelta) { self.delta = delta }

    static func value(_ delta: Timedelta) -> Value { .object(TimedeltaObject(delta)) }

    var typeName: String { "datetime.timedelta" }
    var pyStr: String { delta.description }
    var pyRepr: String { delta.pyRepr }
    var isTruthy: Bool { !delta.isZero }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "days": return .int(delta.days)
        case "seconds": return .int(delta.seconds)
        case "microseconds": return .int(delta.microseconds)
        case "total_seconds":
            return .method(name) { arguments in
                _ = try CArguments(arguments, [], function: name)
                return .float(self.delta.totalSeconds)
            }
        case "min", "max", "resolution": return DatetimeModule.timedeltaConstant(name)
        default: return nil
        }
    }

    func isEqual(to other: Value) -> Bool? {
        guard let other = other.object(TimedeltaObject.self) else { return nil }
        return delta == other.delta
    }

    func compare(to other: Value) -> Int? {
        guard let other = other.object(TimedeltaObject.self) else { return nil }
        return delta < other.delta ? -1 : (delta == other.delta ? 0 : 1)
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if let other = other.object(TimedeltaObject.self) {
            let (a, b) = reflected ? (other.delta, delta) : (delta, other.delta)
            switch op {
            case .add: return TimedeltaObject.value(try a + b)
            case .subtract: return TimedeltaObject.value(try a - b)
            case .divide:
                let divisor = try b.requireMicroseconds()
                if divisor == 0 { throw PyError.zeroDivision("division by zero") }
                return .float(Double(try a.requireMicroseconds()) / Double(divisor))
            case .floorDivide:
                let divisor = try b.requireMicroseconds()
                if divisor == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
                return .int(floorDiv(try a.requireMicroseconds(), divisor))
            case .modulo:
                let divisor = try b.requireMicroseconds()
                if divisor == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
                return TimedeltaObject.value(
                    try Timedelta(totalMicroseconds: floorMod(try a.requireMicroseconds(), divisor)))
            default: return nil
            }
        }
        switch (op, other) {
        case (.multiply, .int), (.multiply, .bool):
            return TimedeltaObject.value(try delta.multiplied(by: other.intValue ?? 0))
        case (.multiply, .float(let x)):
            return TimedeltaObject.value(try delta.multiplied(by: x))
        case (.divide, .int), (.divide, .bool):
            guard !reflected else { return nil }
            return TimedeltaObject.value(try delta.divided(by: other.intValue ?? 0, floor: false))
        case (.floorDivide, .int), (.floorDivide, .bool):
            guard !reflected else { return nil }
            return TimedeltaObject.value(try delta.divided(by: other.intValue ?? 0, floor: true))
        case (.divide, .float(let x)):
            guard !reflected else { return nil }
            return TimedeltaObject.value(try delta.divided(by: x))
        default:
            return nil
        }
    }
}
