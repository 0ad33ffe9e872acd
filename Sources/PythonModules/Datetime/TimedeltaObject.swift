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

extension Timedelta {
    /// `timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)`,
    /// with CPython's exact handling of float components (`accum` and round-half-even).
    static func construct(_ arguments: Arguments) throws -> Timedelta {
        let names = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"]
        let bound = try CArguments(arguments, names, function: "__new__")
        let factors = [86_400_000_000, 1_000_000, 1, 1000, 60_000_000, 3_600_000_000, 604_800_000_000]
        // Whole microseconds as days plus a remainder, so 999999999 days never overflow.
        var days = 0
        var micros = 0
        var leftover = 0.0
        func addWhole(_ whole: Int, _ factor: Int) throws {
            let perDay = Timedelta.microsecondsPerDay
            if factor >= perDay || factor == 604_800_000_000 {
                let (d, o) = whole.multipliedReportingOverflow(by: factor / perDay)
                if o { throw PyError.overflow("Python int too large to convert to C int") }
                days += d
            } else {
                let (product, o) = whole.multipliedReportingOverflow(by: factor)
                if o {
                    days += whole / (perDay / factor)
                    micros += (whole % (perDay / factor)) * factor
                } else {
                    days += product / perDay
                    micros += product % perDay
                }
            }
        }
        for (position, name) in names.enumerated() {
            guard let value = bound[position] else { continue }
            let factor = factors[position]
            switch value {
            case .int, .bool:
                try addWhole(value.intValue ?? 0, factor)
            case .bigInt:
                throw PyError.overflow("Python int too large to convert to C int")
            case .float(let x):
                guard x.isFinite else {
                    throw PyError.value("cannot convert float \(x.isNaN ? "NaN" : "infinity") to integer")
                }
                let whole = x.rounded(.towardZero)
                guard whole.magnitude < 9e18 else {
                    throw PyError.overflow(
                        "days=\(Int(x * Double(factor) / 8.64e10)); must have magnitude <= \(maxDays)")
                }
                try addWhole(Int(whole), factor)
                let fraction = x - whole
                if fraction != 0 {
                    let scaled = Double(factor) * fraction
                    let scaledWhole = scaled.rounded(.towardZero)
                    try addWhole(Int(scaledWhole), 1)
                    leftover += scaled - scaledWhole
                }
            default:
                throw PyError.type("unsupported type for timedelta \(name) component: \(value.typeName)")
            }
        }
        if leftover != 0 {
            var whole = leftover.rounded(.toNearestOrAwayFromZero)
            if abs(whole - leftover) == 0.5 {
                // Half way: round so that the total is even, as CPython does.
                let isOdd = Double(floorMod(micros, 2))
                whole = 2 * ((leftover + isOdd) * 0.5).rounded(.toNearestOrAwayFromZero) - isOdd
            }
            micros += Int(whole)
        }
        return try Timedelta(days: days, microseconds: micros)
    }
}
