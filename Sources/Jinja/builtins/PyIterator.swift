/// A Python generator or iterator, as Jinja2's `map`, `select`, `reverse`, `batch`, `items`
/// and friends return.
///
/// Jinja2 returns lazy, single-use iterators from these filters, and templates can tell:
/// `[1] | map('string') is sequence` is false, `| length` fails, the value is always truthy
/// (even when it would yield nothing), and iterating it a second time yields nothing. The items
/// are produced on the first iteration, with the context of whoever iterates; `x in iterator`
/// consumes them up to the first equal one, leaving the rest for the next use (`consume`).
final class PyIterator: JinjaObject {
    /// Python's type name: `generator`, `list_reverseiterator`, `reversed`, ...
    let typeName: String
    /// The function name a generator's repr shows (`sync_do_map`); nil for other iterators.
    private let function: String?
    private var produce: ((CallContext) throws -> [Value])?
    /// Items produced and not yet consumed (after an `in` that found its item).
    private var rest: ArraySlice<Value> = []

    init(_ typeName: String, function: String? = nil, _ produce: @escaping (CallContext) throws -> [Value]) {
        self.typeName = typeName
        self.function = function
        self.produce = produce
    }

    /// A generator named after the Jinja2 function that would have produced it.
    static func generator(_ function: String, _ produce: @escaping (CallContext) throws -> [Value]) -> Value {
        .object(PyIterator("generator", function: function, produce))
    }

    func iterate(_ context: CallContext) throws -> [Value]? {
        guard let produce else {
            defer { rest = [] }
            return Array(rest)
        }
        // Consumed once, as a Python generator is.
        self.produce = nil
        return try produce(context)
    }

    /// Python's `needle in iterator`: consumes items up to and including the first that
    /// `matches`, and says whether there was one; the items after it are left for later.
    func consume(until matches: (Value) -> Bool, _ context: CallContext) throws -> Bool {
        let items = try iterate(context) ?? []
        guard let found = items.firstIndex(where: matches) else { return false }
        rest = items[(found + 1)...]
        return true
    }

    /// Python prints the object's address, which no other implementation can reproduce.
    var pyRepr: String {
        if let function { return "<generator object \(function)>" }
        return "<\(typeName) object>"
    }
}
