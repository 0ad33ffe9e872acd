/// A Python generator or iterator, as Jinja2's `map`, `select`, `reverse`, `batch`, `items`
/// and friends return.
///
/// Jinja2 returns lazy, single-use iterators from these filters, and templates can tell:
/// `[1] | map('string') is sequence` is false, `| length` fails, the value is always truthy
/// (even when it would yield nothing), and iterating it a second time yields nothing. The items
/// are produced on the first iteration, with the context of whoever iterates.
final class PyIterator: JinjaObject {
    /// Python's type name: `generator`, `list_reverseiterator`, `reversed`, ...
    let typeName: String
    /// The function name a generator's repr shows (`sync_do_map`); nil for other iterators.
    private let function: String?
    private var produce: ((CallContext) throws -> [Value])?

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
        guard let produce else { return [] }
        // Consumed once, as a Python generator is.
        self.produce = nil
        return try produce(context)
    }

    /// Python prints the object's address, which no other implementation can reproduce.
    var pyRepr: String {
        if let function { return "<generator object \(function)>" }
        return "<\(typeName) object>"
    }
}
