import Jinja

/// A Python module: a named bag of attributes (`modules.re.sub`, `modules.datetime.date`).
final class PyModuleObject: JinjaObject {
    let name: String
    let members: [String: Value]

    init(_ name: String, _ members: [String: Value]) {
        self.name = name
        self.members = members
    }

    var typeName: String { "module" }
    var pyRepr: String { "<module '\(name)' (built-in)>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? { members[name] }
}
