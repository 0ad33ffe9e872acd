import Compiler
import Diagnostics
import Execution
import Foundation
import Planning
import ProjectLoading
import ProjectModel
import SQLDialect
import Warehouse

/// One run's shared state: the compiler (used by one thread at a time), what exists in the
/// warehouse, the planner, the run lock and the connection used for schemas and hooks.
final class RunSession: @unchecked Sendable {
    let workspace: Workspace
    let parsed: Workspace.Parsed
    let dialect: SQLDialect
    let planner: Planner
    let catalog: RelationCatalog
    /// Nil when planning offline (`weir plan --dialect`).
    let connection: (any WarehouseConnection)?
    private var lock: RunLock?
    let compilerLock = NSLock()
    /// Warnings found while preparing nodes (a seed's short rows, open entities past their
    /// horizon), reported after the run.
    var warnings: [Diagnostic] = []
    /// `--event-time-start`/`--event-time-end`, and the batches `weir retry` asks for.
    var eventTimeStart: Date?
    var eventTimeEnd: Date?
    var batchesToRetry: [String: [BatchWindow]] = [:]
    /// Where default batches end: the run's start, or for `weir retry` the retried run's.
    var batchesEndBy: Date?
    private(set) var seedsReadAhead: SeedsReadAhead?
    /// `weir clone`: where the state's manifest built each node (see `prepareClone`); nil otherwise.
    var cloneSources: [String: RelationName]?

    /// - Parameter seedIDs: the seeds the run will load, read ahead while it connects.
    init(
        workspace: Workspace, parsed: Workspace.Parsed, warehouse: any Warehouse, fullRefresh: Bool,
        lock takeLock: Bool = true, seedIDs: [String] = []
    ) throws {
        self.workspace = workspace
        self.parsed = parsed
        manifest = parsed.manifest
        dialect = warehouse.dialect
        let reads = seedIDs.compactMap { id in parsed.manifest.nodes[id].flatMap { try? SeedRead($0, in: parsed, reader: workspace.reader) } }
        seedsReadAhead = reads.isEmpty ? nil : SeedsReadAhead(reads, dialect: dialect)
        planner = Planner(dialect: dialect, fullRefresh: fullRefresh)
        catalog = RelationCatalog(dialect: dialect)
        let connection = try Self.connect(warehouse, target: parsed.target)
        self.connection = connection
        if takeLock {
            if dialect.relationsIncludeDatabase {
                lock = try RunLock(session: connection, database: parsed.target.database, schema: parsed.target.schema)
            } else if let main = (parsed.target.fields["schemas_and_paths"]?.mapValue?["main"]?.stringValue) {
                lock = try RunLock(lockFile: WarehouseFactory.absolute(main, in: workspace.projectDirectory) + ".weir-lock")
            }
        }
    }

    init(offline workspace: Workspace, parsed: Workspace.Parsed, dialect: SQLDialect, fullRefresh: Bool) {
        self.workspace = workspace
        self.parsed = parsed
        manifest = parsed.manifest
        self.dialect = dialect
        planner = Planner(dialect: dialect, fullRefresh: fullRefresh)
        catalog = RelationCatalog(dialect: dialect)
        connection = nil
    }

    /// A connection to `warehouse`, a failure to connect told as W1403.
    static func connect(_ warehouse: any Warehouse, target: Target) throws -> any WarehouseConnection {
        do {
            return try warehouse.connect()
        } catch let error as WarehouseError {
            throw connectionFailed(error, target: target)
        }
    }

    static func connectionFailed(_ error: WarehouseError, target: Target) -> Diagnostic {
        Diagnostic(
            code: "W1403", message: "could not connect to the \(target.type) target '\(target.name)': \(error.message)",
            help: error.kind == .authentication
                ? "check the user and password of the target in profiles.yml (or the environment variables it reads)"
                : "check that the warehouse is running and the target's connection settings in profiles.yml")
    }

    func finish() {
        lock?.release()
        lock = nil
        connection?.close()
    }

    /// The manifest as parsed, taken before any worker starts: the compiler writes compiled code
    /// into its own manifest under the compiler lock, and worker threads reading that one while
    /// it is written would race (a crash seen in CI). Names, configs and relations never change
    /// after parsing, so this snapshot answers every question asked outside the lock.
    /// Taken again when the vocabulary's generated tests change, before any worker starts.
    var manifest: Manifest

    // MARK: - Schemas

    /// The schemas the nodes build in, created if missing (dbt does this before the first node).
    func schemas(for ids: [String]) -> [SchemaToCreate] {
        var seen: Set<SchemaToCreate> = []
        var result: [SchemaToCreate] = []
        for id in ids {
            guard let node = manifest.nodes[id], buildsRelation(node) else { continue }
            let schema = SchemaToCreate(database: node.database, schema: node.schema)
            if seen.insert(schema).inserted { result.append(schema) }
        }
        return result
    }

    func buildsRelation(_ node: ManifestNode) -> Bool {
        switch node.resourceType {
        case .model, .seed, .snapshot: return !node.isEphemeral
        case .test: return storesFailures(node)
        default: return false
        }
    }

    /// dbt's `should_store_failures()`: the test's `store_failures`, else `--store-failures`.
    func storesFailures(_ node: ManifestNode) -> Bool {
        guard let configured = node.config["store_failures"], !configured.isNull else { return workspace.configuration.storeFailures }
        return configured.isTruthy
    }

    func prepareSchemas(for ids: [String]) throws {
        guard let connection else { return }
        do {
            let existing = Set(try connection.schemas().map { catalog.caseInsensitive ? $0.lowercased() : $0 })
            for schema in schemas(for: ids) {
                let name = catalog.caseInsensitive ? schema.schema.lowercased() : schema.schema
                if !existing.contains(name) { try connection.createSchema(schema.schema) }
            }
            for schema in Set(ids.compactMap { manifest.nodes[$0]?.schema }) where !catalog.knows(schema: schema) {
                try catalog.load(schema: schema, from: connection)
            }
        } catch let error as WarehouseError {
            throw Diagnostic(
                code: "W1404", message: "could not prepare the target's schemas: \(error)",
                help: "check that the target's user may create schemas")
        }
    }

    /// For `--defer`: whether a node's relation is in the target, as dbt asks its relation cache
    /// (`listProjectSchemas` first). A selected node counts as there: it is built before what
    /// refers to it runs.
    func relationExistence(selected: [String]) -> @Sendable (ManifestNode) -> Bool {
        let selected = Set(selected)
        let catalog = self.catalog
        return { node in selected.contains(node.uniqueID) || catalog.kind(of: Planner.relation(of: node)) != nil }
    }

    /// Lists every schema of the project's nodes that the catalog does not know yet, as dbt
    /// fills its relation cache (a schema the target does not have holds nothing).
    func listProjectSchemas() {
        guard let connection else { return }
        for schema in Set(manifest.nodes.values.map(\.schema)) where !catalog.knows(schema: schema) {
            try? catalog.load(schema: schema, from: connection)
        }
    }

    /// SQLite only: where `weir plan` attaches a schema that does not exist yet.
    func attachPath(forSchema schema: String) -> String? {
        let fields = parsed.target.fields
        if let path = fields["schemas_and_paths"]?.mapValue?[schema]?.stringValue {
            return WarehouseFactory.absolute(path, in: workspace.projectDirectory)
        }
        guard let directory = fields["schema_directory"]?.stringValue else { return nil }
        return WarehouseFactory.absolute(join(directory, schema + ".db"), in: workspace.projectDirectory)
    }

    // MARK: - Nodes

    /// Compiles and plans one node on the thread's connection, just before it runs.
    func prepare(_ id: String, on connection: (any WarehouseConnection)?) throws -> PreparedNode {
        compilerLock.lock()
        defer { compilerLock.unlock() }
        let compiler = parsed.compiler
        compiler.queryRunner = connection.map(ConnectionQueryRunner.init)
        defer { compiler.queryRunner = nil }
        if manifest.unitTests[id] != nil { return try prepareUnitTest(id, on: connection) }
        guard var node = compiler.manifest.nodes[id] else { throw Diagnostic(code: "W0801", message: "no node with id '\(id)'") }
        if let cloneSources { return try prepareClone(node, from: cloneSources[id]) }
        let relation = Planner.relation(of: node)
        if catalog.kind(of: relation) == .table { compiler.existingRelations.insert(id) } else { compiler.existingRelations.remove(id) }
        var input = NodeInput(node: node)
        if node.resourceType == .seed {
            let (seed, warnings) = try seedsReadAhead?.take(id) ?? SeedRead(node, in: parsed, reader: workspace.reader).read(dialect: dialect)
            input.seed = seed
            try admit(warnings)
        } else {
            compiler.failedEphemeral = nil
            do {
                try compiler.compile([id])
            } catch {
                guard let ephemeral = compiler.failedEphemeral, ephemeral != id else { throw error }
                throw EphemeralFailure(ephemeralID: ephemeral, underlying: error)
            }
            node = compiler.manifest.nodes[id] ?? node
            input = NodeInput(node: node, compiledSQL: node.compiledCode ?? "")
            if node.resourceType == .model, let macro = compiler.materializationMacro(named: node.materialized) {
                return try prepareCustom(node, macro: macro, on: connection, input: input)
            }
            input.preparation = compiler.preparation(for: id)
            if node.resourceType == .test { input.node.config["store_failures"] = .bool(storesFailures(node)) }
            if Microbatch.isMicrobatch(node) { input.batches = try batches(of: node, compiler: compiler) }
            if let (count, horizon) = try compiler.openEntitiesPastHorizon(id) {
                try admit([Self.openPastHorizon(node, count: count, horizon: horizon)])
            }
        }
        if node.resourceType != .operation {
            input.preHooks = try compiler.renderHooks("pre-hook", for: id)
            if let connection, compiler.hasHooks("post-hook", for: id) {
                // Rendered after the build, on this connection, as dbt renders a post-hook.
                input.renderPostHooks = DeferredStatements { [compilerLock] in
                    compilerLock.lock()
                    defer { compilerLock.unlock() }
                    compiler.queryRunner = ConnectionQueryRunner(connection)
                    defer { compiler.queryRunner = nil }
                    return try compiler.renderHooks("post-hook", for: id)
                }
            } else {
                input.postHooks = try compiler.renderHooks("post-hook", for: id)
            }
        }
        var facts = catalog.facts(for: relation)
        if facts.existing == .view || facts.existing == .materializedView, catalog.viewsMayHaveCascaded, let connection, try connection.columns(of: relation).isEmpty {
            catalog.record(relation, kind: nil)
            facts.existing = nil
        }
        let isSnapshot = node.resourceType == .snapshot
        if let connection, facts.existing == .materializedView, node.materialized == "materialized_view" {
            facts.indexes = ExistingIndex.described(by: try connection.execute(dialect.showIndexes(relation)))
        }
        if let connection, facts.existing == .table, node.resourceType == .seed || node.materialized == "incremental" || isSnapshot {
            facts.columns = try connection.columns(of: relation)
        }
        // `on_schema_change` compares the query's columns with the target's; a microbatch model's
        // later batches insert into the table its first batch creates, so they name its columns.
        let checksSchema = facts.existing == .table && node.materialized == "incremental"
            && (node.config["on_schema_change"]?.stringValue ?? "ignore") != "ignore"
        let describesQuery = checksSchema || !input.batches.isEmpty || (isSnapshot && facts.existing == .table)
        // Describing the query needs what it reads: the plan makes the same tables again.
        if let connection, describesQuery || node.contractEnforced {
            for statement in input.preparation { _ = try connection.execute(statement) }
        }
        if let connection, describesQuery {
            facts.queryColumns = try connection.describe(query: input.batches.first?.compiledSQL ?? input.compiledSQL)
        }
        try describeContract(node, sql: input.batches.first?.compiledSQL ?? input.compiledSQL, into: &facts, on: connection)
        input.overrides = overrides(for: id)
        if isSnapshot {
            // Rendered while planning, under the compiler lock this thread holds.
            input.snapshotMacros = SnapshotMacros(
                time: { try compiler.snapshotTime(for: id) }, hash: { try compiler.snapshotHash($0, for: id) })
        }
        let plan = try planner.plan(input, facts: facts)
        try admit(plan.warnings)
        var prepared = PreparedNode(
            plan: plan, compiledCode: node.resourceType == .seed ? nil : input.compiledSQL,
            relationName: buildsRelation(node) ? dialect.render(relation) : nil)
        if node.resourceType == .test {
            prepared.severity = node.config["severity"]?.stringValue ?? "error"
            prepared.warnIf = node.config["warn_if"]?.stringValue ?? "!= 0"
            prepared.errorIf = node.config["error_if"]?.stringValue ?? "!= 0"
            prepared.warningFails = parsed.warningPolicy.isError(event: PreparedNode.testWarningEvent)
        }
        return prepared
    }

    /// Keeps a node's warnings for the end of the run, as `--warn-error-options` has them: one
    /// that is an error fails the node instead, as dbt's warning raised while the node ran.
    private func admit(_ nodeWarnings: [Diagnostic]) throws {
        let (printed, error) = parsed.warningPolicy.apply(to: nodeWarnings)
        warnings += printed
        if let error { throw error }
    }

    /// `weir clone`, as dbt's `clone` materialization: nothing when the state has no relation for
    /// the node or its relation is already in the target (unless `--full-refresh`); otherwise a view
    /// of the state's relation, made as the view materialization makes one (hooks included). SQLite
    /// cannot keep such a view (a view may not read another attached database): there the clone is
    /// a table copied from the state's. The caller holds the compiler lock.
    private func prepareClone(_ node: ManifestNode, from source: RelationName?) throws -> PreparedNode {
        let id = node.uniqueID
        let relation = Planner.relation(of: node)
        let log = parsed.compiler.options.logSink ?? { _ in }
        func nothing() -> PreparedNode {
            var prepared = PreparedNode(plan: NodePlan(uniqueID: id, label: "clone", relation: nil, steps: []), compiledCode: nil, relationName: nil)
            prepared.message = "No-op"
            return prepared
        }
        guard let source else {
            log("No relation found in state manifest for \(id)")
            return nothing()
        }
        if catalog.kind(of: relation) != nil && !planner.fullRefresh {
            log("Relation \(dialect.render(relation)) already exists")
            return nothing()
        }
        // Built as a model of that materialization whatever the node is (a seed, a snapshot), with
        // no contract: its columns are the state relation's.
        var clone = node
        clone.resourceType = .model
        clone.config["materialized"] = .string(dialect == .sqlite ? "table" : "view")
        clone.config["contract"] = nil
        var input = NodeInput(node: clone, compiledSQL: "select * from \(dialect.render(source))")
        input.preHooks = try parsed.compiler.renderHooks("pre-hook", for: id)
        input.postHooks = try parsed.compiler.renderHooks("post-hook", for: id)
        var plan = try planner.plan(input, facts: catalog.facts(for: relation))
        plan.label = "clone"
        return PreparedNode(plan: plan, compiledCode: nil, relationName: dialect.render(relation))
    }

    /// A model built by the project's materialization macro: rendered when its turn comes, on
    /// this connection, under the compiler lock (its hooks are the macro's to run).
    private func prepareCustom(
        _ node: ManifestNode, macro: MacroInfo, on connection: (any WarehouseConnection)?, input: NodeInput
    ) throws -> PreparedNode {
        var input = input
        let compiler = parsed.compiler
        let id = node.uniqueID
        input.materialization = MaterializationCall(name: node.materialized) { [compilerLock] observe in
            guard let connection else { throw Diagnostic(code: "W0801", message: "no connection to build '\(id)' on") }
            compilerLock.lock()
            defer { compilerLock.unlock() }
            let runner = MaterializationQueryRunner(connection, observe: observe)
            compiler.queryRunner = runner
            defer {
                runner.finish()
                compiler.queryRunner = nil
            }
            let response = try compiler.runMaterialization(macro, for: id)
            return QueryResult(rowsAffected: response.rowsAffected, status: response.message)
        }
        let relation = Planner.relation(of: node)
        let plan = try planner.plan(input, facts: catalog.facts(for: relation))
        return PreparedNode(plan: plan, compiledCode: input.compiledSQL, relationName: dialect.render(relation))
    }

    /// A unit test, as dbt's `unit` materialization prepares it: the model's query over the
    /// fixtures, described by the warehouse for its columns' types, and the expected rows cast
    /// to those in one query returning both sides. The caller holds the compiler lock.
    func prepareUnitTest(_ id: String, on connection: (any WarehouseConnection)?) throws -> PreparedNode {
        let compiled = try parsed.compiler.compileUnitTest(id)
        var columns = try connection?.describe(query: compiled.sql) ?? []
        if let connection, columns.contains(where: { $0.dataType.isEmpty }) {
            columns = try typedByValues(columns, of: compiled.sql, on: connection)
        }
        let sql = try parsed.compiler.unitTestQuery(compiled, columns: columns.map { ($0.name, $0.dataType) })
        return PreparedNode(
            plan: NodePlan(uniqueID: id, label: "unit test", relation: nil, steps: [.unitTest(sql)]),
            compiledCode: compiled.sql, relationName: nil)
    }

    /// SQLite gives a column computed by an expression no type; the values the query returns
    /// give it one (`integer`, `real` or `text`), for the expected rows to be cast to as dbt
    /// casts them to the model's column types.
    private func typedByValues(
        _ columns: [ColumnDescription], of sql: String, on connection: any WarehouseConnection
    ) throws -> [ColumnDescription] {
        let rows = try connection.execute("select * from (\n\(sql)\n) as weir_unit_test_types").rows
        return columns.enumerated().map { index, column in
            guard column.dataType.isEmpty else { return column }
            let kinds = Set(rows.compactMap { row -> String? in
                guard index < row.count else { return nil }
                switch row[index] {
                case .text: return "text"
                case .real: return "real"
                case .integer: return "integer"
                default: return nil
                }
            })
            var typed = column
            typed.dataType = ["text", "real", "integer"].first(where: kinds.contains) ?? ""
            return typed
        }
    }

    /// A microbatch model's batches, each compiled with its upstream refs filtered to it.
    func batches(of node: ManifestNode, compiler: ProjectCompiler) throws -> [BatchInput] {
        let microbatch = try Microbatch(node: node)
        let incremental = planner.buildsIncrementally(node, existing: catalog.kind(of: Planner.relation(of: node)))
        let windows = try batchesToRetry[node.uniqueID]
            ?? microbatch.windows(
                incremental: incremental, start: eventTimeStart, end: eventTimeEnd, now: batchesEndBy ?? compiler.options.runStartedAt, node: node)
        return try windows.enumerated().map { index, window in
            let batch = BatchRender(
                id: EventTime.batchID(window.start, size: microbatch.batchSize), start: window.start, end: window.end,
                incremental: incremental || index > 0)
            return BatchInput(window: window, compiledSQL: try compiler.compileBatch(node.uniqueID, batch: batch))
        }
    }

    static func openPastHorizon(_ node: ManifestNode, count: Int, horizon: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1306",
            message: "model '\(node.name)': \(count) entit\(count == 1 ? "y is" : "ies are") still open (open_if) but older than the horizon of \(horizon), so no longer rebuilt",
            help: "check the model's open_if condition, or widen its horizon if these entities may still change")
    }

    /// The project's overrides of dbt's statement macros, rendered by the compiler (the caller
    /// holds the compiler lock while planning).
    func overrides(for id: String) -> StatementOverrides {
        let compiler = parsed.compiler
        var overrides = StatementOverrides()
        overrides.createTableAs = { relation, temporary, sql in
            try compiler.overrideCreateTableAs(for: id, relation: relation, temporary: temporary, sql: sql)
        }
        overrides.createViewAs = { relation, sql in try compiler.overrideCreateViewAs(for: id, relation: relation, sql: sql) }
        overrides.incremental = { strategy, target, newRows, uniqueKey, columns, predicates in
            try compiler.overrideIncremental(
                for: id, strategy: strategy, target: target, newRows: newRows, uniqueKey: uniqueKey, columns: columns,
                predicates: predicates)
        }
        return overrides
    }

    /// Keeps the catalog current as nodes finish, so later nodes plan against what is there.
    /// On PostgreSQL, dropping the old relation `cascade`s to the views built on it (as in dbt),
    /// so from then on a view the catalog lists is checked before it is planned.
    func recordBuilt(_ result: NodeResult) {
        guard result.status == .success, let node = manifest.nodes[result.uniqueID], buildsRelation(node) else { return }
        let relation = Planner.relation(of: node)
        if dialect.relationsIncludeDatabase { catalog.noteCascadingDrops() }
        catalog.record(relation, kind: Planner.builtKind(of: node))
        for suffix in [Planner.temporarySuffix, Planner.backupSuffix] {
            catalog.record(dialect.suffixed(relation, suffix), kind: nil)
        }
    }

    /// Runs `on-run-start`/`on-run-end` operations on the session's connection.
    func runHooks(_ ids: [String], events: @Sendable (ExecutionEvent) -> Void) -> [NodeResult] {
        guard let connection else { return [] }
        var results: [NodeResult] = []
        for id in ids {
            var result = NodeResult(uniqueID: id, status: .success, threadID: "MainThread")
            events(.started(id: id, index: results.count + 1, total: ids.count))
            result.executeStarted = Date()
            do {
                let prepared = try prepare(id, on: connection)
                result.compiledCode = prepared.compiledCode
                for step in prepared.plan.steps {
                    guard case .statement(let sql, _) = step else { continue }
                    events(.statement(id: id, sql: sql))
                    result.executedSQL.append(sql)
                    let response = try connection.execute(sql)
                    result.responseMessage = response.status
                }
            } catch {
                result.status = .error
                result.message = String(describing: error)
                result.error = error
            }
            result.executeCompleted = Date()
            events(.finished(result, index: results.count + 1, total: ids.count))
            results.append(result)
        }
        return results
    }

    /// The whole plan for `weir plan`, assuming every node succeeds.
    func plan(_ ids: [String], hooks: (start: [String], end: [String])) throws -> ExecutionPlan {
        if connection != nil { try loadCatalog(for: ids) }
        var plan = ExecutionPlan(dialect: dialect)
        let existingSchemas = Set((try connection?.schemas()) ?? [])
        plan.schemas = schemas(for: ids).filter { !existingSchemas.contains($0.schema) }
        plan.onRunStart = try hooks.start.map { try prepare($0, on: connection).plan }
        for id in ids {
            plan.nodes.append(try prepare(id, on: connection).plan)
            recordBuilt(NodeResult(uniqueID: id, status: .success, threadID: "plan"))
        }
        plan.onRunEnd = try hooks.end.map { try prepare($0, on: connection).plan }
        return plan
    }

    private func loadCatalog(for ids: [String]) throws {
        guard let connection else { return }
        let existing = Set(try connection.schemas())
        for schema in Set(ids.compactMap { manifest.nodes[$0]?.schema }) where existing.contains(schema) {
            try catalog.load(schema: schema, from: connection)
        }
    }
}
