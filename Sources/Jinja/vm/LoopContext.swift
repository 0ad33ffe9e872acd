/// The `loop` variable of a `for` block, with Jinja2's `LoopContext` attributes.
final class LoopContext: JinjaObject {
    let items: [Value]
    var index0 = 0
    let depth0: Int
    private var lastChanged: Value?
    /// Renders the loop body again for `loop(children)` in a `recursive` loop.
    let recurse: ((Value) throws -> String)?

    init(items: [Value], depth0: Int, recurse: ((Value) throws -> String)?) {
        self.items = items
        self.depth0 = depth0
        self.recurse = recurse
    }

    var typeName: String { "LoopContext" }
    var pyRepr: String { "<LoopContext \(index0 + 1)/\(items.count)>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(depth0 + 1)
        case "depth0": return .int(depth0)
        case "previtem":
            return index0 > 0 ? items[index0 - 1] : .undefined(Undefined(.hint("there is no previous item")))
        case "nextitem":
            return index0 + 1 < length
                ? items[index0 + 1] : .undefined(Undefined(.hint("there is no next item")))
        case "cycle":
            return .function("cycle") { [unowned self] arguments, _ in
                guard !arguments.positional.isEmpty else {
                    throw RuntimeFailure.type("no items for cycling given")
                }
                return arguments.positional[self.index0 % arguments.positional.count]
            }
        case "changed":
            return .function("changed") { [unowned self] arguments, _ in
                let value = Value.tuple(arguments.positional)
                if let last = self.lastChanged, last.pyEquals(value) { return .bool(false) }
                self.lastChanged = value
                return .bool(true)
            }
        default: return nil
        }
    }

    func call(_ arguments: Arguments, _ context: CallContext) throws -> Value? {
        guard let recurse else {
            throw RuntimeFailure.type(
                "Tried to call non recursive loop.  Maybe you forgot the 'recursive' modifier.")
        }
        guard arguments.positional.count == 1 else {
            throw RuntimeFailure.type("loop() takes exactly one argument")
        }
        return .string(try recurse(arguments.positional[0]))
    }

    var length: Int? { items.count }
}
