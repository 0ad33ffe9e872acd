/// One group of Jinja2's `groupby` filter: the named tuple `_GroupTuple(grouper, list)`.
///
/// It unpacks and indexes like the tuple `(grouper, list)` and prints as one (Jinja2 overrides
/// the named-tuple repr to hide the class), and also answers `.grouper` and `.list`.
final class GroupTuple: JinjaObject {
    let grouper: Value
    let list: Value

    init(grouper: Value, list: [Value]) {
        self.grouper = grouper
        self.list = .list(PyList(list))
    }

    var fields: [Value] { [grouper, list] }

    var typeName: String { "_GroupTuple" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "grouper": return grouper
        case "list": return list
        default: return nil
        }
    }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let index = key.intValue, index >= -2, index < 2 else { return nil }
        return fields[index < 0 ? index + 2 : index]
    }

    func iterate(_ context: CallContext) throws -> [Value]? { fields }

    var pyRepr: String { Value.tuple(fields).pyRepr }
    var length: Int? { 2 }
}
