/// Jinja2's `namespace()`: an object whose attributes can be assigned from inside loops and
/// blocks with `{% set ns.name = value %}`, which plain variables cannot do across scopes.
final class Namespace: JinjaObject {
    let attributes: PyDict

    init(_ attributes: PyDict) { self.attributes = attributes }

    var typeName: String { "Namespace" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        attributes[string: name]
    }

    func setAttribute(_ name: String, _ value: Value) -> Bool {
        attributes[string: name] = value
        return true
    }

    var pyRepr: String { "<Namespace \(Value.dict(attributes).pyRepr)>" }
}
