/// Jinja2's `cycler(*items)`: `next()` returns the current item and advances, `current`
/// peeks, `reset()` goes back to the first.
final class Cycler: JinjaObject {
    let items: [Value]
    var position = 0

    init(_ items: [Value]) { self.items = items }

    var typeName: String { "Cycler" }
    var pyRepr: String { "<jinja2.utils.Cycler object>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "items": return .tuple(items)
        case "pos": return .int(position)
        case "current": return items[position]
        case "next", "__next__":
            return .function("next") { [self] arguments, _ in
                _ = try arguments.bind([], function: "next")
                let current = items[position]
                position = (position + 1) % items.count
                return current
            }
        case "reset":
            return .function("reset") { [self] arguments, _ in
                _ = try arguments.bind([], function: "reset")
                position = 0
                return .none
            }
        default: return nil
        }
    }
}
