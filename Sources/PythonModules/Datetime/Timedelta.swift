import Jinja

/// A `datetime.timedelta`: a signed duration, normalised as Python stores it, with `days` carrying
/// the sign and `0 <= seconds < 86400`, `0 <= microseconds < 1_000_000`.
struct Timedelta: Hashable, Comparable {
    static let maxDays = 999_999_999
    static let microsecondsPerDay = 86_400_000_000

    let days: Int
    let seconds: Int
    let microseconds: Int

    static let zero = Timedelta(normalizedDays: 0, seconds: 0, microseconds: 0)

    private init(normalizedDays days: Int, seconds: Int, microseconds: Int) {
        self.days = days
        self.seconds = seconds
        self.microseconds = microseconds
    }

    /// Normalises any combination of whole days, seconds and microseconds; `OverflowError` when
    /// the days leave ±999999999.
    init(days: Int = 0, seconds: Int = 0, microseconds: Int = 0) throws {
        let carrySeconds = floorDiv(microseconds, 1_000_000)
        let us = floorMod(microseconds, 1_000_000)
        let (totalSeconds, o1) = seconds.addingReportingOverflow(carrySeconds)
        let carryDays = floorDiv(totalSeconds, 86_400)
        let s = floorMod(totalSeconds, 86_400)
        let (d, o2) = days.addingReportingOverflow(carryDays)
        if o1 || o2 { throw PyError.overflow("Python int too large to convert to C int") }
        guard abs(d) <= Timedelta.maxDays else {
            throw PyError.overflow("days=\(d); must have magnitude <= \(Timedelta.maxDays)")
        }
        self.init(normalizedDays: d, seconds: s, microseconds: us)
    }

    /// From a count of microseconds that fits in 64 bits.
    init(totalMicroseconds: Int) throws {
        try self.init(
            days: floorDiv(totalMicroseconds, Timedelta.microsecondsPerDay),
            microseconds: floorMod(totalMicroseconds, Timedelta.microsecondsPerDay))
    }

    /// The whole duration in microseconds; nil past ±106 751 991 days, where 64 bits end.
    var totalMicroseconds: Int? {
        let (dayPart, o1) = days.multipliedReportingOverflow(by: Timedelta.microsecondsPerDay)
        let (sum, o2) = dayPart.addingReportingOverflow(seconds * 1_000_000 + microseconds)
        return o1 || o2 ? nil : sum
    }

    /// Microseconds, or `OverflowError` for durations too long for 64 bits.
    func requireMicroseconds() throws -> Int {
        guard let total = totalMicroseconds else {
            throw PyError.overflow("Python int too large to convert to C long")
        }
        return total
    }

    /// `total_seconds()`, correctly rounded as Python's true division is.
    var totalSeconds: Double {
        if let total = totalMicroseconds { return Double(total) / 1e6 }
        return (Double(days) * 86_400 + Double(seconds)) + Double(microseconds) / 1e6
    }

    var isZero: Bool { days == 0 && seconds == 0 && microseconds == 0 }

    static func + (a: Timedelta, b: Timedelta) throws -> Timedelta {
        try Timedelta(
            days: a.days + b.days, seconds: a.seconds + b.seconds,
            microseconds: a.microseconds + b.microseconds)
    }

    static prefix func - (a: Timedelta) throws -> Timedelta {
        try Timedelta(days: -a.days, seconds: -a.seconds, microseconds: -a.microseconds)
    }

    static func - (a: Timedelta, b: Timedelta) throws -> Timedelta { try a + (-b) }

    /// `td * n` for an int `n`.
    func multiplied(by n: Int) throws -> Timedelta {
        let (d, o1) = days.multipliedReportingOverflow(by: n)
        let (s, o2) = seconds.multipliedReportingOverflow(by: n)
        let (us, o3) = microseconds.multipliedReportingOverflow(by: n)
        if o1 || o2 || o3 {
            let magnitude = abs(Double(days) + Double(seconds) / 86_400) * abs(Double(n))
            throw PyError.overflow(
                "days=\(Int(min(magnitude, 9e18))); must have magnitude <= \(Timedelta.maxDays)")
        }
        return try Timedelta(days: d, seconds: s, microseconds: us)
    }

    /// `td * x` for a float `x`: Python rounds the product's microseconds half to even.
    func multiplied(by x: Double) throws -> Timedelta {
        guard x.isFinite else {
            throw PyError.value(
                "cannot convert float \(x > 0 ? "infinity" : x < 0 ? "-infinity" : "NaN") to integer")
        }
        return try Timedelta.fromMicroseconds(try requireMicroseconds(), times: x)
    }

    /// `td / n`, `td // n` and `td / x`.
    func divided(by n: Int, floor: Bool) throws -> Timedelta {
        if n == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
        let total = try requireMicroseconds()
        return try Timedelta(
            totalMicroseconds: floor ? floorDiv(total, n) : Timedelta.divideRoundingHalfEven(total, n))
    }

    func divided(by x: Double) throws -> Timedelta {
        if x == 0 { throw PyError.zeroDivision("float division by zero") }
        return try Timedelta.fromMicroseconds(try requireMicroseconds(), times: 1 / x, divisor: x)
    }

    private static func fromMicroseconds(_ total: Int, times x: Double, divisor: Double? = nil) throws
        -> Timedelta
    {
        // Python computes with exact integer ratios; a double product is exact for the
        // durations and factors templates use.
        let product = divisor.map { Double(total) / $0 } ?? Double(total) * x
        let rounded = product.rounded(.toNearestOrEven)
        guard rounded.magnitude < 9.2e18 else {
            throw PyError.overflow("days=\(Int(rounded / 8.64e10)); must have magnitude <= \(maxDays)")
        }
        return try Timedelta(totalMicroseconds: Int(rounded))
    }

    /// Python's `_divide_and_round`: the quotient rounded half to even.
    static func divideRoundingHalfEven(_ a: Int, _ b: Int) -> Int {
        var q = floorDiv(a, b)
        let r = floorMod(a, b)
        let twice = 2 * r
        let greater = b > 0 ? twice > b : twice < b
        if greater || (twice == b && q % 2 != 0) { q += 1 }
        return q
    }

    static func < (a: Timedelta, b: Timedelta) -> Bool {
        (a.days, a.seconds, a.microseconds) < (b.days, b.seconds, b.microseconds)
    }

    /// `str(td)`: `1 day, 0:00:00`, `-1 day, 23:59:59.999999`, `0:00:00.500000`.
    var description: String {
        var text = ""
        if days != 0 { text = "\(days) day\(abs(days) == 1 ? "" : "s"), " }
        text += "\(seconds / 3600):\(pad(seconds % 3600 / 60, 2)):\(pad(seconds % 60, 2))"
        if microseconds != 0 { text += ".\(pad(microseconds, 6))" }
        return text
    }

    /// `repr(td)`: `datetime.timedelta(days=1, seconds=5)`, or `datetime.timedelta(0)`.
    var pyRepr: String {
        var fields: [String] = []
        if days != 0 { fields.append("days=\(days)") }
        if seconds != 0 { fields.append("seconds=\(seconds)") }
        if microseconds != 0 { fields.append("microseconds=\(microseconds)") }
        return "datetime.timedelta(\(fields.isEmpty ? "0" : fields.joined(separator: ", ")))"
    }
}
