import Jinja

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
