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

    /// `{{ snapshot_hash_arguments([...]) }}`: a row's scd id from SQL expressions.
    public func snapshotHash(_ arguments: [String], for id: String) throws -> String {
        let list = arguments.map { argument in
            "\"" + argument.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return try renderSnapshotExpression("{{ snapshot_hash_arguments([\(list.joined(separator: ", "))]) }}", for: id)
    }

    private func renderSnapshotExpression(_ source: String, for id: String) throws -> String {
        guard let node = manifest.nodes[id] else { return "" }
        let (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        do {
            let template = try jinja.parse(source, name: "\(node.originalFilePath) (snapshot)")
            return try template.render(context, shared: shared).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: "could not render the SQL of snapshot '\(node.name)'")
        }
    }
}
