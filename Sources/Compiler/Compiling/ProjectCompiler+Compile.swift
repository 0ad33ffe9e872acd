import Diagnostics
import Jinja
import Parallelism
import ProjectModel

extension ProjectCompiler {
    /// Renders the given nodes with the runtime context (`execute = true`, relations resolved)
    /// and injects the ephemeral models they use as CTEs, as dbt's compiler does.
    ///
    /// The renders run on all cores (as dbt compiles on its threads); the results are then
    /// stored in the manifest in the given order, on this thread, so that the manifest never
    /// changes under a render. An ephemeral model a node uses is compiled (if it was not
    /// already) while the results are stored.
    public func compile(_ ids: [String]) throws {
        // The nodes are found by their entries' positions, looked up on all cores: a
        // whole-project compile goes through tens of thousands.
        let positions = ids.concurrentMap { manifest.nodes.index(forKey: $0) }
        if let unknown = zip(ids, positions).first(where: { $0.1 == nil }) {
            throw CompilerDiagnostics.unknownNode(unknown.0)
        }
        watermarks.removeValues(forKeys: ids)
        if nativelyCompiledTests == nil { nativelyCompiledTests = findNativelyCompiledTests() }
        var pending: [(id: String, position: Dictionary<String, ManifestNode>.Index)] = []
        pending.reserveCapacity(ids.count)
        // (Each emptiness checked first: nothing is looked up in an empty set or map.)
        for case let (id, position?) in zip(ids, positions) where compiledNodes.isEmpty || !compiledNodes.contains(id) {
            if !reusableCompiles.isEmpty, let sql = reusableCompile(of: manifest.nodes.values[position]) {
                // A kept node has no ephemeral models and, its parse having been kept, no
                // foreign keys.
                let macro = whereSubqueryToRecord(manifest.nodes.values[position])
                store(id, at: position, sql: sql, ctes: [], foreignKeyTargets: nil, recording: macro)
                reusedCompiles += 1
            } else {
                pending.append((id, position))
            }
        }
        preparations.removeValues(forKeys: pending.lazy.map(\.id))
        // A model's foreign keys are resolved beside its render; any error they give comes after
        // every render's, as when they were resolved one node at a time. What storing a result
        // asks of its node is read there too, where the node is at hand.
        let whereSubqueries = Dictionary(
            packages.map { ($0.config.name, whereSubqueryMacro(for: $0.config.name)) }, uniquingKeysWith: { first, _ in first })
        let renders = try pending.concurrentMap(minimumCount: 16) { _, position in
            let node = manifest.nodes.values[position]
            return RenderedNode(
                render: try render(NodeRenderState(node: node, phase: .compile)),
                foreignKeys: node.resourceType == .model ? Result { try foreignKeyTargets(of: node) } : nil,
                isEphemeral: node.isEphemeral,
                recordedMacro: whereSubqueries[node.packageName].flatMap { Self.recordsWhereSubquery(node, $0) ? $0 : nil })
        }
        compiledNodes.reserveCapacity(compiledNodes.count + pending.count)
        // (By index: each result's fields are read where they lie, not copied out whole.)
        for index in pending.indices {
            let (id, position) = pending[index]
            guard renders[index].render.ephemeralRefs.isEmpty, !renders[index].isEphemeral else {
                try compiledSQL(id, at: position, rendered: renders[index].render, foreignKeys: renders[index].foreignKeys)
                continue
            }
            // The usual node (no CTE to inject, none to be): stored from what its worker read.
            store(
                id, at: position, sql: renders[index].render.sql, ctes: [],
                foreignKeyTargets: try renders[index].foreignKeys?.get(), recording: renders[index].recordedMacro)
        }
        releaseInBackground(renders)
    }

    /// A node rendered for `compile`, with what storing it needs to know of the node.
    private struct RenderedNode {
        let render: Render
        let foreignKeys: Result<[String: String], any Error>?
        let isEphemeral: Bool
        /// The `get_where_subquery` macro the test records, if it does (`whereSubqueryToRecord`).
        let recordedMacro: String?
    }

    /// A node's compiled SQL with its ephemeral CTEs injected; compiled once, then reused.
    /// `position` is its entry's when known, `rendered` its render and `foreignKeys` its foreign
    /// keys (a model's) when they were already made.
    @discardableResult
    func compiledSQL(
        _ id: String, at position: Dictionary<String, ManifestNode>.Index? = nil, rendered: Render? = nil,
        foreignKeys: Result<[String: String], any Error>? = nil
    ) throws -> (sql: String, ctes: [ExtraCTE]) {
        guard let index = position ?? manifest.nodes.index(forKey: id) else {
            throw CompilerDiagnostics.unknownNode(id)
        }
        if let compiled = manifest.nodes.values[index].compiledCode, compiledNodes.contains(id) {
            return (compiled, manifest.nodes.values[index].extraCTEs)
        }
        let compiled = try compiledParts(of: manifest.nodes.values[index], rendered: rendered, foreignKeys: foreignKeys)
        let (render, injected, ctes, targets, isTest) = compiled
        // Set in place: the manifest then holds the node's only copy (compiling an ephemeral
        // model above may have moved the entry).
        let position = render.ephemeralRefs.isEmpty ? index : manifest.nodes.index(forKey: id)!
        // What a node that uses this one injects (only an ephemeral model's is asked for).
        if manifest.nodes.values[position].isEphemeral { preInjected[id] = render.sql }
        let macro = isTest ? whereSubqueryToRecord(manifest.nodes.values[position]) : nil
        store(id, at: position, sql: injected, ctes: ctes, foreignKeyTargets: targets, recording: macro)
        return (injected, ctes)
    }

    /// Sets a node's compiled SQL, CTEs and foreign keys in place (the manifest then holds its
    /// only copy), with the `get_where_subquery` macro it records, and marks it compiled.
    private func store(
        _ id: String, at position: Dictionary<String, ManifestNode>.Index, sql: String, ctes: [ExtraCTE],
        foreignKeyTargets targets: [String: String]?, recording macro: String?
    ) {
        manifest.nodes.values[position].compiledCode = sql
        manifest.nodes.values[position].extraCTEs = ctes
        if let targets { manifest.nodes.values[position].foreignKeyTargets = targets }
        if let macro { manifest.nodes.values[position].dependsOn.macros.append(macro) }
        compiledNodes.insert(id)
    }

    /// What compiling `node` gives, worked out where no copy of the node outlives it: the
    /// manifest's copy is then changed in place rather than copied.
    private func compiledParts(
        of node: ManifestNode, rendered: Render?, foreignKeys: Result<[String: String], any Error>?
    ) throws -> (render: Render, injected: String, ctes: [ExtraCTE], targets: [String: String]?, isTest: Bool) {
        let render = try rendered ?? self.render(NodeRenderState(node: node, phase: .compile))
        let (injected, ctes) = try injectingCTEs(render)
        let targets =
            node.resourceType == .model ? try (foreignKeys ?? Result { try foreignKeyTargets(of: node) }).get() : nil
        return (render, injected, ctes, targets, node.resourceType == .test)
    }

    /// Compiling a generic test renders its `model` argument through `get_where_subquery`, which
    /// dbt then records among the test's macros: the macro to record for `node`, if any.
    private func whereSubqueryToRecord(_ node: ManifestNode) -> String? {
        guard node.isGenericTest else { return nil }
        let macro = whereSubqueryMacro(for: node.packageName)
        return Self.recordsWhereSubquery(node, macro) ? macro : nil
    }

    /// The id of the `get_where_subquery` a node of `package` reaches ("" for none), found once.
    private func whereSubqueryMacro(for package: String) -> String {
        if let id = whereSubqueryMacros[package] { return id }
        let id = macroDependencies(of: ["get_where_subquery"], package: package).first ?? ""
        whereSubqueryMacros[package] = id
        return id
    }

    /// Whether compiling `node` records `macro` (its package's `get_where_subquery`) among its
    /// macros: a generic test's that does not yet.
    private static func recordsWhereSubquery(_ node: ManifestNode, _ macro: String) -> Bool {
        !macro.isEmpty && node.isGenericTest && !node.dependsOn.macros.contains(macro)
    }

    /// One batch of a microbatch model, compiled with its upstream refs filtered to the batch.
    /// Not cached: every batch renders anew.
    public func compileBatch(_ id: String, batch: BatchRender) throws -> String {
        guard let node = manifest.nodes[id] else {
            throw CompilerDiagnostics.unknownNode(id)
        }
        let state = NodeRenderState(node: node, phase: .compile)
        state.batch = batch
        return try injectingCTEs(try render(state)).sql
    }

    /// One node's compile render: its SQL and the ephemeral models it used.
    struct Render {
        var sql: String
        var ephemeralRefs: [String]
    }

    /// A render's SQL with the ephemeral models it used injected as CTEs (compiling them first).
    private func injectingCTEs(_ render: Render) throws -> (sql: String, ctes: [ExtraCTE]) {
        var ctes: [ExtraCTE] = []
        func add(_ cte: ExtraCTE) {
            if let index = ctes.firstIndex(where: { $0.id == cte.id }) { ctes[index] = cte } else { ctes.append(cte) }
        }
        for ephemeralID in render.ephemeralRefs {
            guard let ephemeral = manifest.nodes[ephemeralID] else { continue }
            let nested: [ExtraCTE]
            do {
                (_, nested) = try compiledSQL(ephemeralID)
            } catch {
                // The innermost: a nested ephemeral's failure is met first.
                if failedEphemeral == nil { failedEphemeral = ephemeralID }
                throw error
            }
            nested.forEach(add)
            let body = preInjected[ephemeralID] ?? ""
            add(ExtraCTE(id: ephemeralID, sql: " __dbt__cte__\(ephemeral.alias) as (\n\(body)\n)"))
        }
        return (CTEInjection.inject(ctes.map(\.sql), into: render.sql), ctes)
    }

    /// Renders a node. Safe on any thread: it reads the manifest and changes only shared caches.
    private func render(_ state: NodeRenderState) throws -> Render {
        renderedAfterReuse.raise()
        return Render(sql: try renderText(state), ephemeralRefs: state.ephemeralRefs)
    }

    private func renderText(_ state: NodeRenderState) throws -> String {
        let node = state.node
        let what = "could not compile \(node.resourceType.rawValue) '\(node.name)'"
        do {
            var kwargs: [(String, Value)]?
            if let metadata = node.testMetadata, nativelyCompiledTests?.contains(metadata.name) == true {
                kwargs = try renderedTestKwargs(metadata, state: state)
                if let (sql, readsFlags) = nativeTestSQL(node, kwargs: kwargs!) {
                    if readsFlags { volatileCompileReads[node.uniqueID] = ["flags"] }
                    return sql
                }
            }
            var (context, shared) = self.context(for: state)
            let observer = LookupObserver(watching: Self.compileVolatileNames)
            defer {
                if !observer.seen.isEmpty {
                    volatileCompileReads[node.uniqueID] = observer.seen
                    if queryRunner != nil, !observer.seen.isDisjoint(with: Self.warehouseCallNames) { warehouseAsked.raise() }
                }
            }
            if let metadata = node.testMetadata {
                context["_dbt_generic_test_kwargs"] =
                    .dict(try kwargs ?? renderedTestKwargs(metadata, state: state, context: (context, shared)))
            }
            if let (template, block) = snapshotBlocks[node.uniqueID] {
                return try template.renderBlock(block, context, shared: shared, observer: observer)
            }
            // Generic tests have no file of their own: their template is their call, parsed here
            // (as are the templates of restored nodes).
            let template =
                try templates[node.uniqueID]
                ?? parsedTemplate(node.rawCode, name: templateNames[node.uniqueID] ?? node.originalFilePath)
            return try template.render(context, shared: shared, observer: observer)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: what)
        }
    }

    /// A template parsed from text while compiling, parsed once per name and text.
    func parsedTemplate(_ text: String, name: String) throws -> Template {
        try parsedTexts.value(for: name + "\u{0}" + text) { try jinja.parse(text, name: name) }
    }

    /// Compiles an ad-hoc query (`weir compile --inline`) in the root project's context.
    public func compileInline(_ sql: String) throws -> String {
        try withInlineNode(sql) { try compiledSQL($0).sql }
    }

    /// Runs `body` with an ad-hoc query standing in the manifest as dbt's `inline_query` node
    /// (parsed for its refs and sources, not yet compiled), given its unique id; removed after.
    func withInlineNode<Result>(_ sql: String, _ body: (_ id: String) throws -> Result) throws -> Result {
        var node = ManifestNode(
            uniqueID: "sql_operation.\(root.config.name).inline_query", resourceType: .operation,
            packageName: root.config.name, name: "inline_query", path: "inline_query.sql",
            originalFilePath: "from remote system.sql", fqn: [root.config.name, "inline_query"], rawCode: sql,
            checksum: FileChecksum(checksum: ""))
        node.schema = target.schema
        node.database = target.database
        node.alias = "inline_query"
        let template: Template
        do {
            template = try jinja.parse(sql, name: "inline query")
        } catch let error as TemplateError {
            throw error.diagnostic
        }
        let parse = NodeRenderState(node: node, phase: .parse)
        let (parseContext, parseShared) = context(for: parse)
        do {
            _ = try template.render(parseContext, shared: parseShared)
            node.dependsOn.nodes = try parse.refs.map { try resolveRef($0, from: node).uniqueID }
                + parse.sources.map { try resolveSource($0, from: node).uniqueID }
        } catch let error as TemplateError {
            throw error.diagnostic
        } catch let failure as RuntimeFailure {
            throw Diagnostic(code: "W0701", message: failure.message)
        }
        manifest.nodes[node.uniqueID] = node
        templates[node.uniqueID] = template
        defer {
            manifest.nodes[node.uniqueID] = nil
            templates[node.uniqueID] = nil
            compiledNodes.remove(node.uniqueID)
        }
        return try body(node.uniqueID)
    }
}

extension ProjectCompiler {
    /// Whether a node has `pre-hook`/`post-hook` SQL to render.
    public func hasHooks(_ key: String, for id: String) -> Bool {
        manifest.nodes[id]?.config[key]?.listValue?.contains { !Self.hookSQL($0).isEmpty } ?? false
    }

    /// A hook's SQL: the hook itself, or its `sql` when written as `{sql: ..., transaction: ...}`.
    static func hookSQL(_ hook: ConfigValue) -> String {
        hook.mapValue?["sql"]?.stringValue ?? hook.stringValue ?? ""
    }

    /// A node's `pre-hook`/`post-hook` SQL rendered in the node's runtime context (`this` is the
    /// node's relation), as dbt renders hooks just before running them.
    public func renderHooks(_ key: String, for id: String) throws -> [String] {
        guard let node = manifest.nodes[id], let hooks = node.config[key]?.listValue else { return [] }
        var rendered: [String] = []
        for hook in hooks {
            let sql = Self.hookSQL(hook)
            guard !sql.isEmpty else { continue }
            let template: Template
            do {
                template = try jinja.parse(sql, name: "\(node.originalFilePath) (\(key))")
            } catch let error as TemplateError {
                throw error.diagnostic
            }
            let (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
            do {
                rendered.append(try template.render(context, shared: shared))
            } catch let error as TemplateError {
                throw CompilerDiagnostics.renderFailed(error, what: "could not render a \(key) of '\(node.name)'")
            }
        }
        return rendered
    }
}
