import Jinja
import ProjectModel
import SQLDialect

/// Where a project or package overrides one of dbt's statement macros (`create_table_as`,
/// `create_view_as`, `get_incremental_<strategy>_sql`, `get_merge_sql`,
/// `get_delete_insert_merge_sql`, `get_insert_into_sql`), Weir runs that macro's SQL instead of
/// writing the statement itself. Weir's own built-in macros never count as overrides.
extension ProjectCompiler {
    /// The user's macro for `name` as dbt's dispatch in the `dbt` namespace would find it: the
    /// root project's `<adapter>__name`/`default__name` (or the packages named in its `dispatch:`
    /// config), then a root-level `name` replacing dbt's own.
    func userStatementMacro(_ name: String) -> RegisteredMacro? {
        let searchOrder = root.config.dispatch.first { $0.macroNamespace == "dbt" }?.searchOrder
            ?? [root.config.name]
        for package in searchOrder where !registry.internalPackages.contains(package) && package != "dbt" {
            for candidate in dialect.dispatchCandidates(for: name) {
                if let macro = registry.macro(candidate, inPackage: package) { return macro }
            }
        }
        return registry.macro(name, inPackage: root.config.name)
    }

    /// Calls the user's override of `name` in the node's runtime context; nil when there is none.
    func renderOverride(_ name: String, for id: String, _ arguments: Arguments) throws -> String? {
        guard let macro = userStatementMacro(name), let node = manifest.nodes[id] else { return nil }
        let (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        do {
            return try jinja.call(macro.value, arguments, context: context, shared: shared).pyStr
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: "could not render the override of \(name) for '\(node.name)'")
        }
    }

    func relationValue(_ relation: RelationName, type: String = "table") -> Value {
        .object(
            RelationValue(
                database: relation.database, schema: relation.schema.isEmpty ? nil : relation.schema,
                identifier: relation.identifier, type: type, dialect: dialect))
    }

    /// `create_table_as(temporary, relation, sql)` as the project overrides it.
    public func overrideCreateTableAs(for id: String, relation: RelationName, temporary: Bool, sql: String) throws -> String? {
        try renderOverride("create_table_as", for: id, Arguments([.bool(temporary), relationValue(relation), .string(sql)]))
    }

    /// `create_view_as(relation, sql)` as the project overrides it.
    public func overrideCreateViewAs(for id: String, relation: RelationName, sql: String) throws -> String? {
        try renderOverride("create_view_as", for: id, Arguments([relationValue(relation, type: "view"), .string(sql)]))
    }

    /// The incremental DML as the project overrides it: `get_incremental_<strategy>_sql(arg_dict)`
    /// first, then the statement macro dbt's default of that calls.
    public func overrideIncremental(
        for id: String, strategy: String, target: RelationName, newRows: RelationName, uniqueKey: [String], columns: [String],
        predicates: [String]
    ) throws -> String? {
        let targetValue = relationValue(target)
        let sourceValue = relationValue(newRows)
        let key: Value = uniqueKey.count == 1 ? .string(uniqueKey[0]) : uniqueKey.isEmpty ? .none : .list(uniqueKey.map(Value.string))
        let destination = Value.list(columns.map { .object(ColumnValue(column: $0, dtype: "")) })
        let predicateValue: Value = predicates.isEmpty ? .none : .list(predicates.map(Value.string))
        let strategyName = strategy.replacingOccurrences(of: "+", with: "_")
        let argumentDict = Value.dict([
            ("target_relation", targetValue), ("temp_relation", sourceValue), ("unique_key", key),
            ("dest_columns", destination), ("incremental_predicates", predicateValue),
        ])
        if let sql = try renderOverride("get_incremental_\(strategyName)_sql", for: id, Arguments([argumentDict])) { return sql }
        switch strategy {
        case "merge":
            return try renderOverride(
                "get_merge_sql", for: id, Arguments([targetValue, sourceValue, key, destination, predicateValue]))
        case "delete+insert":
            return try renderOverride(
                "get_delete_insert_merge_sql", for: id, Arguments([targetValue, sourceValue, key, destination, predicateValue]))
        case "append":
            return try renderOverride("get_insert_into_sql", for: id, Arguments([targetValue, sourceValue, destination]))
        default:
            return nil
        }
    }
}
