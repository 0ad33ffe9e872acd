import ProjectModel
import SQLDialect
import Warehouse

/// dbt's `on_schema_change` for incremental models: what to do when the new rows' columns
/// differ from the target's (`ignore`, `fail`, `append_new_columns`, `sync_all_columns`).
struct SchemaChange {
    /// `alter table` statements to run before the new rows go in.
    var statements: [String] = []
    /// The columns the insert names.
    var destinationColumns: [String]

    init(node: ManifestNode, target: RelationName, facts: RelationFacts, dialect: SQLDialect) throws {
        let mode = node.config["on_schema_change"]?.stringValue ?? "ignore"
        let existing = facts.columns
        destinationColumns = existing.map(\.name)
        guard mode != "ignore", let incoming = facts.queryColumns else {
            if existing.isEmpty, let incoming = facts.queryColumns { destinationColumns = incoming.map(\.name) }
            return
        }
        let existingNames = Set(existing.map { $0.name.lowercased() })
        let incomingNames = Set(incoming.map { $0.name.lowercased() })
        let added = incoming.filter { !existingNames.contains($0.name.lowercased()) }
        let removed = existing.filter { !incomingNames.contains($0.name.lowercased()) }
        let changed = incoming.filter { column in
            guard !column.dataType.isEmpty,
                let old = existing.first(where: { $0.name.lowercased() == column.name.lowercased() })
            else { return false }
            return !old.dataType.isEmpty && old.dataType.lowercased() != column.dataType.lowercased()
        }
        guard !added.isEmpty || !removed.isEmpty || !changed.isEmpty else { return }
        switch mode {
        case "fail":
            throw PlanningDiagnostics.schemaChanged(node: node, added: added, removed: removed, changed: changed)
        case "append_new_columns":
            statements = added.map { dialect.addColumn(target, column: $0.name, type: $0.dataType) }
            destinationColumns = existing.map(\.name) + added.map(\.name)
        case "sync_all_columns":
            statements = added.map { dialect.addColumn(target, column: $0.name, type: $0.dataType) }
                + removed.map { dialect.dropColumn(target, column: $0.name) }
                + changed.map { dialect.alterColumnType(target, column: $0.name, type: $0.dataType) }
            destinationColumns = incoming.map(\.name)
        default:
            throw PlanningDiagnostics.unknownSchemaChangeMode(mode, node: node)
        }
    }
}
