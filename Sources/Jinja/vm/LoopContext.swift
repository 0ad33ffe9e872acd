/// The `loop` variable of a `for` block, with Jinja2's `LoopContext` attributes.
final class LoopContext: JinjaObject {
    /// The items that passed the loop's `if` filter so far (all of them when there is none).
    private(set) var items: [Value]
    /// A filtered loop's items not yet tested, and the test. Jinja2 filters lazily, item by
    /// item as the loop advances (or as `loop.last`, `loop.length`... look ahead), so the
    /// condition sees what the body did to the state it reads.
    private var untested: ArraySlice<Value>
    private let accepts: ((Value) throws -> Bool)?
    var index0 = 0
    let depth0: Int
    private var lastChanged: Value?
    /// Renders the loop body again for `loop(children)` in a `recursive` loop.
    let recurse: ((Value) throws -> String)?

    init(items: [Value], depth0: Int, recurse: ((Value) throws -> String)?, filter: ((Value) throws -> Bool)? = nil) {
        if filter == nil {
            self.items = items
            untested = []
        } else {
            self.items = []
            untested = items[...]
        }
        accepts = filter
        self.depth0 = depth0
        self.recurse = recurse
    }

    /// The item at `index` of the filtered sequence, testing more items as needed; nil past the end.
    func item(at index: Int) throws -> Value? {
        while items.count <= index, let accepts, let next = untested.popFirst() {
            if try accepts(next) { items.append(next) }
        }
        return index < items.count ? items[index] : nil
    }

    /// How many items the loop has, testing every remaining one (Jinja2's `loop.length` does too).
    func count() throws -> Int {
        while !untested.isEmpty { _ = try item(at: items.count) }
        return items.count
    }

    var typeName: String { "LoopContext" }
    var pyRepr: String { "<LoopContext \(index0 + 1)/\((try? count()) ?? items.count)>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(try count() - index0)
        case "revindex0": return .int(try count() - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(try item(at: index0 + 1) == nil)
        case "length": return .int(try count())
        case "depth": return .int(depth0 + 1)
        case "depth0": return .int(depth0)
        case "previtem":
            return index0 > 0 ? items[index0 - 1] : .undefined(Undefined(.hint("there is no previous item")))
        case "nextitem":
            return try item(at: index0 + 1) ?? .undefined(Undefined(.hint("there is no next item")))
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

    var length: Int? { try? count() }
}
