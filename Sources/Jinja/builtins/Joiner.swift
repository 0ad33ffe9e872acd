/// Jinja2's `joiner(sep=', ')`: a callable that returns an empty string the first time and
/// `sep` after that, for separating items written in a loop.
final class Joiner: PyCallableObject {
    let separator: Value
    var used = false

    init(_ separator: Value) { self.separator = separator }

    var typeName: String { "Joiner" }
    var pyRepr: String { "<jinja2.utils.Joiner object>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "sep": return separator
        case "used": return .bool(used)
        default: return nil
        }
    }

    func call(_ arguments: Arguments, _ context: CallContext) throws -> Value? {
        _ = try arguments.bind([], function: "__call__")
        if !used {
            used = true
            return .emptyString
        }
        return separator
    }
}
