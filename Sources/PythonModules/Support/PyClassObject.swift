import Jinja

/// A Python class: calling it constructs an instance; its attributes are class methods and
/// constants (`datetime.datetime.now`, `datetime.date.max`).
final class PyClassObject: JinjaObject {
    /// The qualified name Python prints, `datetime.datetime`.
    let qualifiedName: String
    private let construct: NativeFunction
    private let members: [String: Value]

    init(_ qualifiedName: String, members: [String: Value] = [:], construct: @escaping NativeFunction) {
        self.qualifiedName = qualifiedName
        self.members = members
        self.construct = construct
    }

    var typeName: String { "type" }
    var pyRepr: String { "<class '\(qualifiedName)'>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? { members[name] }

    func call(_ arguments: Arguments, _ context: CallContext) throws -> Value? {
        try construct(arguments, context)
    }
}
