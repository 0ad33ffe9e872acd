import BigInt
import Foundation

/// A Python number, the common ground of `int`, `bool` and `float` arithmetic.
enum Numeric {
    case int(Int)
    case big(BigInt)
    case float(Double)

    var asDouble: Double {
        switch self {
        case .int(let i): return Double(i)
        case .big(let b): return Double(b)
        case .float(let d): return d
        }
    }

    var asBig: BigInt? {
        switch self {
        case .int(let i): return BigInt(i)
        case .big(let b): return b
        case .float: return nil
        }
    }

    var value: Value {
        switch self {
        case .int(let i): return .int(i)
        case .big(let b): return Value.integer(b)
        case .float(let d): return .float(d)
        }
    }

    static func compare(_ a: Numeric, _ b: Numeric) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.float, _), (_, .float):
            let x = a.asDouble, y = b.asDouble
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            let x = a.asBig ?? 0, y = b.asBig ?? 0
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }
}

extension Value {
    /// The value as a number, with `True`/`False` as 1/0, as Python's numeric tower has it.
    var numeric: Numeric? {
        switch self {
        case .int(let i): return .int(i)
        case .bigInt(let b): return .big(b)
        case .float(let d): return .float(d)
        case .bool(let b): return .int(b ? 1 : 0)
        default: return nil
        }
    }
}

/// Python's arithmetic operators on numbers; `nil` means "not numbers", so the caller tries
/// sequence operations or reports a `TypeError`.
enum Arithmetic {
    /// Python refuses nothing here, but a runaway `2 ** 10 ** 9` must not hang the renderer.
    static let maxPowerBits = 1 << 20

    static func add(_ a: Numeric, _ b: Numeric) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.addingReportingOverflow(y)
            return overflow ? Value.integer(BigInt(x) + BigInt(y)) : .int(r)
        case (.float, _), (_, .float): return .float(a.asDouble + b.asDouble)
        default: return Value.integer((a.asBig ?? 0) + (b.asBig ?? 0))
        }
    }

    static func subtract(_ a: Numeric, _ b: Numeric) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? Value.integer(BigInt(x) - BigInt(y)) : .int(r)
        case (.float, _), (_, .float): return .float(a.asDouble - b.asDouble)
        default: return Value.integer((a.asBig ?? 0) - (b.asBig ?? 0))
        }
    }

    static func multiply(_ a: Numeric, _ b: Numeric) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? Value.integer(BigInt(x) * BigInt(y)) : .int(r)
        case (.float, _), (_, .float): return .float(a.asDouble * b.asDouble)
        default: return Value.integer((a.asBig ?? 0) * (b.asBig ?? 0))
        }
    }

    static func trueDivide(_ a: Numeric, _ b: Numeric) throws -> Value {
        if b.asDouble == 0 { throw RuntimeFailure.zeroDivision("division by zero") }
        return .float(a.asDouble / b.asDouble)
    }

    static func floorDivide(_ a: Numeric, _ b: Numeric) throws -> Value {
        switch (a, b) {
        case (.float, _), (_, .float):
            let x = a.asDouble, y = b.asDouble
            if y == 0 { throw RuntimeFailure.zeroDivision("float floor division by zero") }
            return .float(pythonFloatFloorDivide(x, y))
        default:
            let x = a.asBig ?? 0, y = b.asBig ?? 0
            if y.isZero { throw RuntimeFailure.zeroDivision("integer division or modulo by zero") }
            var (q, r) = x.quotientAndRemainder(dividingBy: y)
            if !r.isZero && ((r < 0) != (y < 0)) { q -= 1; r += y }
            return Value.integer(q)
        }
    }

    static func modulo(_ a: Numeric, _ b: Numeric) throws -> Value {
        switch (a, b) {
        case (.float, _), (_, .float):
            let x = a.asDouble, y = b.asDouble
            if y == 0 { throw RuntimeFailure.zeroDivision("float modulo") }
            var r = x.truncatingRemainder(dividingBy: y)
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            if r == 0 { r = y < 0 ? -0.0 : 0.0 }
            return .float(r)
        case (.int(let x), .int(let y)):
            if y == 0 { throw RuntimeFailure.zeroDivision("integer division or modulo by zero") }
            if y == -1 { return .int(0) }
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            return .int(r)
        default:
            let x = a.asBig ?? 0, y = b.asBig ?? 0
            if y.isZero { throw RuntimeFailure.zeroDivision("integer division or modulo by zero") }
            var r = x % y
            if !r.isZero && ((r < 0) != (y < 0)) { r += y }
            return Value.integer(r)
        }
    }

    static func power(_ a: Numeric, _ b: Numeric) throws -> Value {
        switch (a, b) {
        case (.float, _), (_, .float):
            let x = a.asDouble, y = b.asDouble
            if x == 0 && y < 0 {
                throw RuntimeFailure.zeroDivision("0.0 cannot be raised to a negative power")
            }
            let result = pow(x, y)
            if result.isInfinite && x.isFinite && y.isFinite {
                throw RuntimeFailure.value("(34, 'Numerical result out of range')")
            }
            return .float(result)
        default:
            let base = a.asBig ?? 0, exponent = b.asBig ?? 0
            if exponent < 0 {
                if base.isZero {
                    throw RuntimeFailure.zeroDivision("0.0 cannot be raised to a negative power")
                }
                return .float(pow(a.asDouble, b.asDouble))
            }
            // 0, 1 and -1 stay small whatever the exponent; Python computes `(-1) ** e` by parity.
            if exponent.isZero { return .int(1) }
            if base.magnitude <= 1 {
                let odd = exponent.magnitude.words.first.map { $0 & 1 == 1 } ?? false
                return Value.integer(base < 0 && !odd ? 1 : base)
            }
            let bits = base.magnitude.bitWidth
            guard let e = Int(exactly: exponent),
                case let (size, overflow) = bits.multipliedReportingOverflow(by: e),
                !overflow, size <= maxPowerBits
            else {
                throw RuntimeFailure.limit("the result of ** would have more than \(maxPowerBits) bits")
            }
            return Value.integer(base.power(e))
        }
    }

    static func negate(_ a: Numeric) -> Value {
        switch a {
        case .int(let x):
            return x == Int.min ? Value.integer(-BigInt(x)) : .int(-x)
        case .big(let b): return Value.integer(-b)
        case .float(let d): return .float(-d)
        }
    }
}

/// CPython's `float_floor_div`: computed through `fmod` so that `2 // 0.1` is `19.0`, not the
/// `20.0` that flooring `2 / 0.1` gives.
func pythonFloatFloorDivide(_ x: Double, _ y: Double) -> Double {
    var mod = fmod(x, y)
    var div = (x - mod) / y
    if mod != 0 {
        if (y < 0) != (mod < 0) {
            mod += y
            div -= 1.0
        }
    }
    if div == 0 { return (0.0).withSign(of: x / y) }
    var floored = div.rounded(.down)
    if div - floored > 0.5 { floored += 1.0 }
    return floored
}

extension Double {
    fileprivate func withSign(of other: Double) -> Double {
        other.sign == .minus ? -Swift.abs(self) : Swift.abs(self)
    }
}
