import Diagnostics
import ProjectModel
import SQLDialect
import Warehouse

/// The W13xx diagnostics: a node that cannot be planned as configured.
enum PlanningDiagnostics {
    /// dbt's words: "No materialization 'x' was found for adapter postgres!".
    static func unsupportedMaterialization(_ node: ManifestNode, dialect: SQLDialect) -> Diagnostic {
        Diagnostic(
            code: "W1301",
            message: "\(node.resourceType.rawValue) '\(node.name)': No materialization '\(node.materialized)' was found for adapter "
                + "\(dialect.adapterType)! (searched types 'default' and '\(dialect.adapterType)')",
            help: "define it in a macro file (`{% materialization \(node.materialized), default %}`), "
                + "or use view, table, incremental, ephemeral or materialized_view")
    }

    static func unknownStrategy(_ name: String, node: ManifestNode) -> Diagnostic {
        Diagnostic(
            code: "W1302", message: "model '\(node.name)' has incremental_strategy '\(name)', which Weir does not know",
            help: "use append, delete+insert, merge, insert_overwrite, microbatch or open_sessions")
    }

    static func strategyNeedsKey(_ strategy: String, node: ManifestNode) -> Diagnostic {
        Diagnostic(
            code: "W1303", message: "model '\(node.name)' uses incremental_strategy '\(strategy)' without a unique_key",
            help: "set unique_key, or use the append strategy")
    }

    static func strategyNeedsPartitions(node: ManifestNode) -> Diagnostic {
        Diagnostic(
            code: "W1304", message: "model '\(node.name)' uses incremental_strategy 'insert_overwrite' without partition_by",
            help: "set partition_by to the column (or list of columns) whose values the new rows replace")
    }

    static func schemaChanged(node: ManifestNode, added: [ColumnDescription], removed: [ColumnDescription], changed: [ColumnDescription])
        -> Diagnostic
    {
        var lines: [String] = []
        if !added.isEmpty { lines.append("new columns: " + added.map(\.name).joined(separator: ", ")) }
        if !removed.isEmpty { lines.append("missing columns: " + removed.map(\.name).joined(separator: ", ")) }
        if !changed.isEmpty { lines.append("changed types: " + changed.map { "\($0.name) → \($0.dataType)" }.joined(separator: ", ")) }
        return Diagnostic(
            code: "W1304",
            message: "the columns of incremental model '\(node.name)' changed and on_schema_change is 'fail' ("
                + lines.joined(separator: "; ") + ")",
            help: "rerun with --full-refresh, or set on_schema_change to append_new_columns or sync_all_columns")
    }

    static func unknownSchemaChangeMode(_ mode: String, node: ManifestNode) -> Diagnostic {
        Diagnostic(
            code: "W1305", message: "model '\(node.name)' has on_schema_change '\(mode)', which dbt does not define",
            help: "use ignore, fail, append_new_columns or sync_all_columns")
    }

    static func notRunnable(_ node: ManifestNode) -> Diagnostic {
        Diagnostic(code: "W1306", message: "\(node.resourceType.rawValue) '\(node.name)' cannot be run")
    }

    static func seedWithoutRows(_ node: ManifestNode) -> Diagnostic {
        Diagnostic(code: "W1307", message: "seed '\(node.name)' was planned without its rows")
    }

    static func plannedWithout(_ what: String, _ node: ManifestNode) -> Diagnostic {
        Diagnostic(code: "W1307", message: "\(node.resourceType.rawValue) '\(node.name)' was planned without \(what)")
    }

    static func invalidSnapshot(_ node: ManifestNode, problem: String, help: String) -> Diagnostic {
        Diagnostic(code: "W1309", message: "snapshot '\(node.name)' cannot run: \(problem)", help: help)
    }

    /// dbt's "Snapshot target is missing configured columns".
    static func notASnapshotTable(_ node: ManifestNode, missing: [String]) -> Diagnostic {
        Diagnostic(
            code: "W1310",
            message: "the table of snapshot '\(node.name)' is missing configured columns (missing \(missing.map { "\"\($0)\"" }.joined(separator: ", ")))",
            help: "a snapshot adds to the table it created; rename or drop a table that is not one (or its columns were renamed: see snapshot_meta_column_names)")
    }

    /// dbt's `materialized_view` with `on_configuration_change: fail` (or a value dbt does not know).
    static func configurationChanged(_ node: ManifestNode, relation: String, onChange: String) -> Diagnostic {
        guard onChange == "fail" else {
            return Diagnostic(
                code: "W1311", message: "model '\(node.name)' has on_configuration_change '\(onChange)', which dbt does not define",
                help: "use apply, continue or fail")
        }
        return Diagnostic(
            code: "W1311",
            message: "Configuration changes were identified and `on_configuration_change` was set to `fail` for `\(relation)`",
            help: "set on_configuration_change to apply (or run with --full-refresh) to change the materialized view's indexes")
    }

    /// dbt's warning for `on_configuration_change: continue`.
    static func configurationChangeLeft(_ node: ManifestNode, relation: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1311",
            message: "Configuration changes were identified and `on_configuration_change` was set to `continue` for `\(relation)`",
            event: "JinjaLogWarning")
    }

    static func materializedViewUnsupported(_ node: ManifestNode, adapter: String) -> Diagnostic {
        Diagnostic(
            code: "W1312", message: "model '\(node.name)' is a materialized_view, which Weir runs on PostgreSQL only (not \(adapter))",
            help: "materialize it as a table on this target")
    }

    static func snapshotOverRelation(_ node: ManifestNode, kind: SQLDialect.RelationKind) -> Diagnostic {
        Diagnostic(
            code: "W1310", message: "snapshot '\(node.name)' builds a table, but its relation exists as a \(kind.rawValue)",
            help: "drop the \(kind.rawValue) (a snapshot is never rebuilt: --full-refresh leaves it alone)")
    }
}
