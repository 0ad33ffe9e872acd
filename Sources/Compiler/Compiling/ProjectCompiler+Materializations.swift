import Diagnostics
import Jinja
import ProjectModel

/// Custom materializations: a model whose `materialized` names a `{% materialization %}` block of
/// the project (or, for a name dbt does not define itself, of a package) is built by calling that
/// block, as dbt's `ModelRunner` calls it: in the node's runtime context with `sql`, `pre_hooks`
/// and `post_hooks`, its statements reaching the warehouse through `queryRunner`. Weir's own
/// materializations (view, table, incremental...) are written in Swift (see Planning).
extension ProjectCompiler {
    /// The materializations dbt-core defines itself: a package's block of one of these names is
    /// not used (dbt's `require_explicit_package_overrides_for_builtin_materializations`, on by
    /// default); the root project's is.
    static let builtinMaterializations: Set<String> = [
        "view", "table", "incremental", "ephemeral", "materialized_view", "seed", "snapshot", "test", "unit", "clone",
    ]

    /// The block dbt's `find_materialization_macro_by_name` finds for `name`: one for this adapter
    /// (then its parents, then `default`), the root project's before a package's. Nil when the
    /// project and its packages define none: Weir's own materialization (or W1301) then applies.
    public func materializationMacro(named name: String) -> MacroInfo? {
        let packages =
            [root.config.name]
            + (Self.builtinMaterializations.contains(name)
                ? [] : registry.packageOrder.filter { $0 != root.config.name && !registry.internalPackages.contains($0) })
        for adapter in dialect.dispatchPrefixes + ["default"] {
            for package in packages {
                if let macro = registry.macro("materialization_\(name)_\(adapter)", inPackage: package) { return macro.info }
            }
        }
        return nil
    }

    /// The response of a materialization's `main` statement, which dbt reports for the node.
    public struct MaterializationResponse: Sendable {
        public var message: String
        public var rowsAffected: Int?
    }

    /// Builds the compiled node `id` by calling `macro` (see `materializationMacro(named:)`): the
    /// caller has compiled the node and set `queryRunner` to the node's connection. The block must
    /// return `{'relations': [...]}` and run a statement named `main`, as dbt requires.
    public func runMaterialization(_ macro: MacroInfo, for id: String) throws -> MaterializationResponse {
        guard let node = manifest.nodes[id], let registered = registry.macro(macro.name, inPackage: macro.packageName) else {
            throw Diagnostic(code: "W0801", message: "no node with id '\(id)'")
        }
        let state = NodeRenderState(node: node, phase: .compile)
        var (context, shared) = self.context(for: state)
        let sql = Value.string(node.compiledCode ?? "")
        context["sql"] = sql
        context["compiled_code"] = sql
        context["pre_hooks"] = hookValues("pre-hook", of: node)
        context["post_hooks"] = hookValues("post-hook", of: node)
        context["render"] = .function("render") { [self] arguments, _ in
            let text = (arguments.positional.first ?? .none).pyStr
            return .string(try parsedTemplate(text, name: "\(node.originalFilePath) (render)").render(context, shared: shared))
        }
        var returned = Value.none
        context["weir_materialization"] = registered.value
        context["weir_keep"] = .function("weir_keep") { arguments, _ in
            returned = arguments.positional.first ?? .none
            return .none
        }
        let what = "could not build \(node.resourceType.rawValue) '\(node.name)' with materialization '\(node.materialized)'"
        do {
            let template = try jinja.parse("{% do weir_keep(weir_materialization()) %}", name: "materialization")
            _ = try template.render(context, shared: shared)
        } catch let error as TemplateError {
            var diagnostic = CompilerDiagnostics.renderFailed(error, what: what)
            // The call is Weir's own text, not the user's: the trace stops at the block.
            diagnostic.notes.removeAll { $0.file?.name == "materialization" }
            throw diagnostic
        }
        if let problem = Self.relationsProblem(returned, materialization: node.materialized) {
            throw Diagnostic(
                code: "W1313", message: "\(what): \(problem)",
                help: "end the materialization with `{{ return({'relations': [target_relation]}) }}`")
        }
        guard case .dict(let result)? = state.statementResults["main"], case .dict(let response)? = result[.string("response")] else {
            throw Diagnostic(
                code: "W1313", message: "\(what): main is not being called during running model",
                help: "run the statement that builds the relation as `{% call statement('main') %}`")
        }
        return MaterializationResponse(
            message: response[.string("_message")]?.pyStr ?? "", rowsAffected: response[.string("rows_affected")]?.intValue)
    }

    /// dbt's `pre_hooks`/`post_hooks`: each hook as a dict of its `sql` and `transaction`.
    private func hookValues(_ key: String, of node: ManifestNode) -> Value {
        .list(
            (node.config[key]?.listValue ?? []).map { hook in
                let transaction = hook.mapValue?["transaction"]?.boolValue ?? true
                return .dict([("sql", .string(Self.hookSQL(hook))), ("transaction", .bool(transaction))])
            })
    }

    /// What is wrong with a materialization's return value, in dbt's words (nil: nothing).
    static func relationsProblem(_ returned: Value, materialization: String) -> String? {
        if returned.isNone || returned.stringValue != nil {
            return "The materialization (\"\(materialization)\") did not explicitly return a list of relations to add to the cache."
        }
        guard case .dict(let entries) = returned else {
            return "Invalid return value from materialization, expected a dict with key \"relations\", got: \(returned.pyStr)"
        }
        guard let relations = entries[.string("relations")] else {
            return "Invalid return value from materialization, \"relations\" not found, got keys: \(Value.list(entries.keys).pyStr)"
        }
        guard case .list(let list) = relations else {
            return "Invalid return value from materialization, \"relations\" not a list, got: \(relations.pyStr)"
        }
        if let stray = list.items.first(where: { value in
            if case .object(let object) = value { return !(object is RelationValue) }
            return true
        }) {
            return "Invalid return value from materialization, \"relations\" contains non-Relation: \(stray.pyStr)"
        }
        return nil
    }
}
