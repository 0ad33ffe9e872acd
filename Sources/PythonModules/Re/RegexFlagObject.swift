import Jinja

/// `re.IGNORECASE` and the other flags: an int that prints its name (Python 3.11's `RegexFlag`).
final class RegexFlagObject: JinjaObject {
    let name: String
    let value: Int

    init(name: String, value: Int) {
        self.name = name
        self.value = value
    }

    var typeName: String { "re.RegexFlag" }
    var pyStr: String { pyRepr }
    var pyRepr: String { "re." + name }
    var isTruthy: Bool { value != 0 }

    /// A flags argument: an int or a flag.
    static func intValue(_ value: Value) throws -> Int {
        if let flag = value.object(RegexFlagObject.self) { return flag.value }
        return try PyConvert.int(value)
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "value": return .int(value)
        case "name": return .string(self.name)
        default: return nil
        }
    }

    func isEqual(to other: Value) -> Bool? {
        if let flag = other.object(RegexFlagObject.self) { return value == flag.value }
        if let number = other.intValue { return value == number }
        return nil
    }

    func compare(to other: Value) -> Int? {
        guard let number = other.object(RegexFlagObject.self)?.value ?? other.intValue else { return nil }
        return value < number ? -1 : (value == number ? 0 : 1)
    }

    /// Arithmetic on a flag is arithmetic on its int (`re.I + re.M` is 10).
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard let number = other.object(RegexFlagObject.self)?.value ?? other.intValue else { return nil }
        let (a, b) = reflected ? (number, value) : (value, number)
        switch op {
        case .add: return .int(a + b)
        case .subtract: return .int(a - b)
        case .multiply: return .int(a * b)
        default: return nil
        }
    }
}
