import BigInt
import Foundation

/// Filters that convert and round numbers.
extension BuiltinFilters {
    /// The absolute value of a number.
    ///
    ///     {{ -5 | abs }}  →  5
    static func abs(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        _ = try bind(arguments, [], [:], "abs")
        switch value {
        case .int(let i): return i == Int.min ? Value.integer(-BigInt(i)) : .int(Swift.abs(i))
        case .bigInt(let b): return Value.integer(BigInt(b.magnitude))
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return .float(Swift.abs(d))
        default: throw RuntimeFailure.type("bad operand type for abs(): '\(value.typeName)'")
        }
    }

    /// Converts to a float, or returns `default` (0.0) when that fails.
    ///
    ///     {{ '3.5' | float }}  →  3.5
    static func float(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(arguments, ["default"], ["default": .float(0)], "do_float")
        do {
            guard let d = try PyNumber.float(value) else { return bound["default"] }
            return .float(d)
        } catch RuntimeFailure.value {
            return bound["default"]
        }
    }

    /// Converts to an integer, or returns `default` (0) when that fails. Strings are read in
    /// `base` (with `0x`/`0o`/`0b` prefixes; base 0 guesses from the prefix), and a string
    /// that is not an integer is read as a float and truncated, so `'3.7' | int` is 3.
    ///
    ///     {{ '0x1A' | int(base=16) }}  →  26
    static func int(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["default", "base"], ["default": .int(0), "base": .int(10)], "do_int")
        let fallback = bound["default"]
        switch value {
        case .int, .bigInt: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            if d.isInfinite { throw RuntimeFailure.value("cannot convert float infinity to integer") }
            return PyNumber.truncate(d).map(Value.integer) ?? fallback
        case .string(let s):
            let base = try BuiltinSupport.integer(bound["base"])
            // An invalid base is a `ValueError` too, so it also falls back to `int(float(s))`.
            if base == 0 || (2...36).contains(base), let parsed = PyNumber.parseInt(s, base: base) {
                return Value.integer(parsed)
            }
            // Jinja2's fallback `int(float(value))`, which also swallows overflow and NaN.
            guard let d = PyNumber.parseFloat(s), let truncated = PyNumber.truncate(d) else {
                return fallback
            }
            return Value.integer(truncated)
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        default:
            return fallback
        }
    }

    /// Rounds to `precision` digits with `method` `common` (Python's `round`, half to even on
    /// the exact binary value), `ceil` or `floor`; a float in, a float out.
    ///
    ///     {{ 42.55 | round(1, 'floor') }}  →  42.5
    static func round(_ value: Value, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        let bound = try bind(
            arguments, ["precision", "method"], ["precision": .int(0), "method": .string("common")],
            "do_round")
        let method = bound["method"].stringValue ?? ""
        guard ["common", "ceil", "floor"].contains(method) else {
            throw RuntimeFailure.value("method must be common, ceil or floor")
        }
        let precision = try BuiltinSupport.integer(bound["precision"])
        guard let number = value.numeric else {
            throw RuntimeFailure.type("type \(value.typeName) doesn't define __round__ method")
        }
        if method == "common" {
            switch number {
            case .float(let d): return .float(PyNumber.round(d, precision))
            case .int, .big:
                // Python's int.__round__ keeps an int and only rounds for negative digits.
                let whole = number.asBig ?? 0
                return Value.integer(precision >= 0 ? whole : PyNumber.roundInteger(whole, -precision))
            }
        }
        // Jinja2: `math.ceil(value * 10**precision) / 10**precision`.
        let scale = precision >= 0 ? Numeric.big(BigInt(10).power(precision)) : .float(pow10(precision))
        let scaled = Arithmetic.multiply(number, scale)
        let rounded: BigInt
        switch scaled.numeric ?? .int(0) {
        case .float(let d):
            guard d.isFinite else {
                if d.isNaN { throw RuntimeFailure.value("cannot convert float NaN to integer") }
                throw RuntimeFailure.value("cannot convert float infinity to integer")
            }
            rounded = BigInt(exactly: method == "ceil" ? d.rounded(.up) : d.rounded(.down)) ?? 0
        case .int(let i): rounded = BigInt(i)
        case .big(let b): rounded = b
        }
        return try Arithmetic.trueDivide(.big(rounded), scale)
    }

    private static func pow10(_ exponent: Int) -> Double {
        // Python evaluates `10 ** -n` as a float power.
        Foundation.pow(10.0, Double(exponent))
    }
}
