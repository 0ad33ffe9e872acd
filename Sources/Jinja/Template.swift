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

    /// Renders with the given variables (dbt's context), returning the text; `shared` names are
    /// seen after `context` (a host's large namespaces, built once for many renders).
    ///
    /// An `observer` hears of every watched name the render looked up outside its own scopes
    /// (in the template or in any macro it called): a host caching what renders produce learns
    /// this way which renders read something that changes from one run to the next.
    public func render(
        _ context: [String: Value] = [:], shared: SharedGlobals? = nil, observer: LookupObserver? = nil
    ) throws -> String {
        try run(context, shared: shared, export: false, observer: observer).output
    }

    /// Renders the way dbt's native environment does: a template that is one `{{ expression }}`
    /// and nothing else gives that expression's value, not its text; any other gives the text,
    /// and so does an expression Jinja2 folds to a constant (`{{ 1 + 1 }}` gives `'2'`).
    public func renderNative(_ context: [String: Value] = [:], shared: SharedGlobals? = nil) throws -> Value {
        guard nodes.count == 1, case .output(let expr) = nodes[0].kind else {
            return .string(try render(context, shared: shared))
        }
        let renderer = Renderer(environment: environment, file: file, context: context, shared: shared)
        defer { renderer.releaseScopes(keeping: nil) }
        do {
            if let folded = expr.foldedConstant({ try renderer.eval($0, Frame(parent: nil)) }) {
                return .string(folded.pyStr)
            }
            return try renderer.eval(expr, Frame(parent: nil))
        } catch let failure as RuntimeFailure {
            throw TemplateError(Diagnostic(code: failure.code, message: failure.message, file: file), failure: failure)
        }
    }

    /// The macros defined at the top level of the template (and by macro-form extension blocks
    /// such as `{% test %}`), each a callable that closes over nothing: as in dbt, where every
    /// macro is a template of its own, a macro finds other macros through the render's names.
    public var topLevelMacros: [TemplateMacro] {
        var macros: [TemplateMacro] = []
        for node in nodes {
            let definition: MacroDefinition
            let tag: String?
            switch node.kind {
            case .macro(let d):
                (definition, tag) = (d, nil)
            case .extensionBlock(let block):
                guard let d = block.macro else { continue }
                (definition, tag) = (d, block.tag)
            default: continue
            }
            let macro = Macro(definition: definition, closure: Frame(parent: nil), file: file, environment: environment)
            macros.append(
                TemplateMacro(name: definition.name, span: definition.extent ?? node.span, value: .callable(macro), blockTag: tag))
        }
        return macros
    }

    /// Renders and also returns the top-level names the template defined (its macros and
    /// `set` variables), as Jinja2's `Template.module` does: the host registers macro files this way.
    public func renderModule(_ context: [String: Value] = [:], shared: SharedGlobals? = nil) throws -> TemplateModule {
        try run(context, shared: shared, export: true)
    }

    private func run(
        _ context: [String: Value], shared: SharedGlobals?, export: Bool, observer: LookupObserver? = nil
    ) throws -> TemplateModule {
        let renderer = Renderer(environment: environment, file: file, context: context, shared: shared)
        renderer.observer = observer
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
    public func renderBlock(
        _ block: ExtensionBlock, _ context: [String: Value] = [:], shared: SharedGlobals? = nil,
        observer: LookupObserver? = nil
    ) throws -> String {
        let renderer = Renderer(environment: environment, file: file, context: context, shared: shared)
        renderer.observer = observer
        defer { renderer.releaseScopes(keeping: nil) }
        return try renderer.render(block.body, in: Frame(parent: nil))
    }
}

/// A macro defined at a template's top level, ready to call from any render.
public struct TemplateMacro {
    public let name: String
    /// The whole `{% macro %}...{% endmacro %}` statement, for the manifest's `macro_sql`.
    public let span: SourceSpan
    public let value: Value
    /// The extension block it was defined by (`test` for `{% test %}`); nil for `{% macro %}`.
    public let blockTag: String?
}

/// Names shared by many renders: looked up after a render's own variables and before the
/// environment's globals, in this layer first and then its parent's. Immutable once built, so
/// renders on many threads may share it.
public final class SharedGlobals: @unchecked Sendable {
    public let values: [String: Value]
    public let parent: SharedGlobals?

    public init(_ values: [String: Value], parent: SharedGlobals? = nil) {
        self.values = values
        self.parent = parent
    }

    public func lookup(_ name: String) -> Value? {
        values[name] ?? parent?.lookup(name)
    }
}

extension Environment {
    /// Calls a template value (a macro, a function) from host code, as if from a render with
    /// the given names: dbt calls `generate_schema_name` this way.
    public func call(
        _ callee: Value, _ arguments: Arguments, context: [String: Value] = [:], shared: SharedGlobals? = nil
    ) throws -> Value {
        let renderer = Renderer(
            environment: self, file: SourceFile(name: "<host>", text: ""), context: context, shared: shared)
        defer { renderer.releaseScopes(keeping: nil) }
        do {
            return try renderer.call(callee, arguments)
        } catch let failure as RuntimeFailure {
            throw TemplateError(Diagnostic(code: failure.code, message: failure.message), failure: failure)
        } catch let returned as MacroReturn {
            return returned.value
        }
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

/// Watches a render for lookups of some global names (see `Template.render(_:shared:observer:)`).
/// One observer belongs to one render at a time.
public final class LookupObserver {
    public let watched: Set<String>
    /// The watched names the render looked up, whether or not they were defined.
    public private(set) var seen: Set<String> = []

    public init(watching watched: Set<String>) { self.watched = watched }

    func lookedUp(_ name: String) {
        if watched.contains(name) { seen.insert(name) }
    }
}
