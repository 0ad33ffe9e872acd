import Diagnostics
import Jinja

extension ProjectCompiler {
    /// The query `weir show` runs for a compiled node, as dbt's `ShowRunner` makes it: the
    /// `get_show_sql` macro (the project's if it has one) called in the node's runtime context
    /// with its compiled code, its `sql_header` config and the row limit (nil: every row).
    public func showSQL(for id: String, compiledCode: String, limit: Int?) throws -> String {
        guard let node = manifest.nodes[id] else { throw Diagnostic(code: "W0801", message: "no node with id '\(id)'") }
        let (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        let header = node.config["sql_header"]?.jinjaValue ?? .none
        do {
            return try callMacro(
                "get_show_sql", [.string(compiledCode), header, limit.map(Value.int) ?? .none], context: context, shared: shared)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: "could not preview \(node.resourceType.rawValue) '\(node.name)'")
        } catch let failure as RuntimeFailure {
            throw Diagnostic(code: "W0701", message: failure.message)
        }
    }

    /// The show query of an ad-hoc query (`weir show --inline`), with the unique id of the node
    /// dbt makes of it (`sql_operation.<project>.inline_query`).
    public func inlineShowSQL(_ sql: String, limit: Int?) throws -> (id: String, sql: String) {
        try withInlineNode(sql) { id in (id, try showSQL(for: id, compiledCode: try compiledSQL(id).sql, limit: limit)) }
    }
}
