import Jinja
import ProjectModel

/// The expressions a snapshot's SQL takes from macros, rendered in the snapshot's context as
/// dbt's snapshot materialization renders them, so that a project's own `snapshot_get_time`
/// or `snapshot_hash_arguments` (or an adapter's, through dispatch) is the one used.
extension ProjectCompiler {
    /// `{{ snapshot_get_time() }}`: the time a snapshot run stamps on the rows it changes.
    public func snapshotTime(for id: String) throws -> String {
        try renderSnapshotExpression("{{ snapshot_get_time() }}", for: id)
    }

    /// `{{ snapshot_hash_arguments(args) }}`: a row's scd id from SQL expressions.
    public func snapshotHash(_ arguments: [String], for id: String) throws -> String {
        try renderSnapshotExpression(
            "{{ snapshot_hash_arguments(weir_hash_arguments) }}", for: id,
            with: ["weir_hash_arguments": .list(arguments.map(Value.string))])
    }

    private func renderSnapshotExpression(_ source: String, for id: String, with values: [String: Value] = [:]) throws -> String {
        guard let node = manifest.nodes[id] else { return "" }
        let (nodeContext, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        let context = nodeContext.merging(values) { _, given in given }
        do {
            let template = try jinja.parse(source, name: "\(node.originalFilePath) (snapshot)")
            return try template.render(context, shared: shared).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: "could not render the SQL of snapshot '\(node.name)'")
        }
    }
}
