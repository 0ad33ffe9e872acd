import Jinja

/// Python's conversions of arguments, with the `TypeError`s CPython raises.
enum PyConvert {
    /// An `int` argument (`__index__`): bools count, floats and strings do not.
    static func int(_ value: Value) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .bigInt: throw RuntimeFailure.value("Python int too large to convert to C long")
        default: throw RuntimeFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// A C `int` argument (`"i"` format): like `int`, but bounded to 32 bits.
    static func cInt(_ value: Value) throws -> Int {
        let result = try int(value)
        if result > Int(Int32.max) { throw RuntimeFailure.value("signed integer is greater than maximum") }
        if result < Int(Int32.min) { throw RuntimeFailure.value("signed integer is less than minimum") }
        return result
    }

    /// A `str` argument; `what` names it in the `TypeError` (`strptime() argument 1`).
    static func string(_ value: Value, _ what: String) throws -> String {
        guard case .string(let s) = value else {
            throw RuntimeFailure.type("\(what) must be str, not \(value.typeName)")
        }
        return s
    }

    /// A number as a float (`int` or `float`).
    static func double(_ value: Value) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .bigInt: return Double(value.pyRepr)
        default: return nil
        }
    }
}
