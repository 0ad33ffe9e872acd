/// Jinja2's `self` in a template with blocks: `self.title()` renders the block `title` again.
final class BlockReference: JinjaObject {
    let blocks: [String: [Node]]
    let render: ([Node]) throws -> String

    init(blocks: [String: [Node]], render: @escaping ([Node]) throws -> String) {
        self.blocks = blocks
        self.render = render
    }

    var typeName: String { "TemplateReference" }
    var pyRepr: String { "<TemplateReference>" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        guard let body = blocks[name] else { return nil }
        return .function(name) { [unowned self] _, _ in .string(try self.render(body)) }
    }
}
