import Diagnostics

/// A parsed template: compile once, render any number of times, from any thread.
public final class Template: @unchecked Sendable {
    public let file: SourceFile
    let nodes: [Node]
    public let environment: Environment

    /// The `{% block %}`s by name, found once so that renders need not search for them.
    let blocks: [String: [Node]]

    init(file: SourceFile, nodes: [Node], environment: Environment) {
        self.file = file
        self.nodes = nodes
        self.environment = environment
        var blocks: [String: [Node]] = [:]
        Node.forEach(in: nodes) { node in
            if case .block(let name, _, let body) = node.kind { blocks[name] = body }
        }
        self.blocks = blocks
    }

    public var name: String { file.name }

    /// Renders with the given variables (dbt's context), returning the text.
    public func render(_ context: [String: Value] = [:]) throws -> String {
        try run(context, export: false).output
    }

    /// Renders and also returns the top-level names the template defined (its macros and
    /// `set` variables), as Jinja2's `Template.module` does: the host registers macro files this way.
    public func renderModule(_ context: [String: Value] = [:]) throws -> TemplateModule {
        try run(context, export: true)
    }

    private func run(_ context: [String: Value], export: Bool) throws -> TemplateModule {
        let renderer = Renderer(environment: environment, file: file, context: context)
        let frame = Frame(parent: nil)
        defer { renderer.releaseScopes(keeping: export ? frame : nil) }
        do {
            let output = try renderer.render(nodes, in: frame, blocks: blocks)
            return TemplateModule(output: output, exports: export ? frame.variables : [:])
        } catch let failure as RuntimeFailure {
            // Every evaluation attaches its span; this is the net for failures raised outside one.
            throw TemplateError(
                Diagnostic(code: failure.code, message: failure.message, file: file), failure: failure)
        }
    }

    /// Every host extension block in the template (`{% docs %}`, `{% snapshot %}`...), in order.
    public var extensionBlocks: [ExtensionBlock] {
        var blocks: [ExtensionBlock] = []
        Node.forEach(in: nodes) { node in
            if case .extensionBlock(let block) = node.kind { blocks.append(block) }
        }
        return blocks
    }

    /// Renders the body of one extension block (a dbt snapshot's SQL) with the given variables.
    public func renderBlock(_ block: ExtensionBlock, _ context: [String: Value] = [:]) throws -> String {
        let renderer = Renderer(environment: environment, file: file, context: context)
        defer { renderer.releaseScopes(keeping: nil) }
        return try renderer.render(block.body, in: Frame(parent: nil))
    }
}

/// What rendering a template produced: its text and its top-level names.
public struct TemplateModule {
    public let output: String
    public let exports: [String: Value]
}

extension Node {
    /// Calls `visit` with every node of `nodes` and of the statement lists nested in them.
    static func forEach(in nodes: [Node], _ visit: (Node) -> Void) {
        for node in nodes {
            visit(node)
            node.forEachChildBody { forEach(in: $0, visit) }
        }
    }

    /// Calls `visit` with every statement list nested directly in this node.
    func forEachChildBody(_ visit: ([Node]) -> Void) {
        switch kind {
        case .ifBlock(let branches, let otherwise):
            branches.forEach { visit($0.body) }
            if let otherwise { visit(otherwise) }
        case .forLoop(let loop):
            visit(loop.body)
            if let otherwise = loop.otherwise { visit(otherwise) }
        case .setBlock(_, _, let body), .filterBlock(_, let body), .with(_, let body), .block(_, _, let body):
            visit(body)
        case .macro(let definition): visit(definition.body)
        case .callBlock(_, let caller): visit(caller.body)
        case .extensionBlock(let block): visit(block.body)
        case .text, .output, .set, .do, .break, .continue: break
        }
    }
}
