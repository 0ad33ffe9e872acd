import Jinja

/// The Python exceptions these modules raise, as the engine's failures. The message is Python's
/// `str(exception)`; the exception class is not kept beyond the failure's kind.
enum PyError {
    static func type(_ message: String) -> RuntimeFailure { .type(message) }
    static func value(_ message: String) -> RuntimeFailure { .value(message) }
    /// `OverflowError`: reported as a value failure.
    static func overflow(_ message: String) -> RuntimeFailure { .value(message) }
    /// `KeyError`: Python's `str()` of it is the repr of the key.
    static func key(_ key: Value) -> RuntimeFailure { .value(key.pyRepr) }
    static func zeroDivision(_ message: String) -> RuntimeFailure { .zeroDivision(message) }
    /// `re.error`, with the position Python's parser reports.
    static func regex(_ message: String, at position: Int? = nil) -> RuntimeFailure {
        .value(position.map { "\(message) at position \($0)" } ?? message)
    }

    /// `unsupported operand type(s) for +: 'datetime.date' and 'int'`.
    static func unsupportedOperands(_ op: BinaryOperator, _ left: Value, _ right: Value) -> RuntimeFailure {
        .type("unsupported operand type(s) for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'")
    }
}
