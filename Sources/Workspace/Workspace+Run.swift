import Compiler
import DAG
import Diagnostics
import Execution
import Foundation
import Planning
import ProjectLoading
import ProjectModel
import SQLDialect
import Selection
import Warehouse

extension Workspace {
    /// The resource types each command runs.
    public static func resourceTypes(for command: RunRequest.Command) -> Set<ResourceType> {
        switch command {
        case .run: return [.model]
        case .seed: return [.seed]
        case .snapshot: return [.snapshot]
        case .test: return [.test, .unitTest]
        case .build: return [.model, .seed, .test, .snapshot, .unitTest]
        case .clone: return [.model, .seed, .snapshot]
        }
    }

    /// The nodes a command runs (the selection's, or exactly `request.uniqueIDs`; ephemeral
    /// models are only ever inlined), in the order dbt starts them: by graph level, then by id.
    public func runnableIDs(_ request: RunRequest, in parsed: Parsed) throws -> [String] {
        let candidates: Set<String>
        if let uniqueIDs = request.uniqueIDs {
            candidates = uniqueIDs
        } else {
            var selection = request.selection
            let commandTypes = Self.resourceTypes(for: request.command)
            selection.resourceTypes = request.resourceTypes?.intersection(commandTypes) ?? commandTypes
            candidates = Set(try select(selection, in: parsed))
        }
        let selected = candidates.filter { id in
            if let test = parsed.manifest.unitTests[id] { return test.isEnabled }
            guard let node = parsed.manifest.nodes[id], node.isEnabled else { return false }
            return !node.isEphemeral
        }
        var graph = Graph<String>()
        for id in selected.sorted() { graph.add(id) }
        for id in selected {
            for parent in parents(of: id, within: selected, manifest: parsed.manifest) { graph.addEdge(from: parent, to: id) }
        }
        return try graph.levels().flatMap { $0.sorted() }
    }

    /// A node's nearest ancestors among the running nodes, looking through the nodes that do not
    /// run (ephemeral models, which run inside their children, and unselected nodes), as dbt's
    /// `get_subset_graph` keeps the edges that pass through removed nodes: with `-s a c` over
    /// a -> b -> c, `c` still waits for `a`.
    ///
    /// A unit test waits for what its model waits for, and the model for its unit tests (dbt's
    /// `build` runs them just before the model; a failing one skips it).
    func parents(of id: String, within running: Set<String>, manifest: Manifest) -> [String] {
        if let model = manifest.unitTests[id]?.dependsOnNodes.first {
            return parents(of: model, within: running, manifest: manifest).filter { manifest.unitTests[$0] == nil }
        }
        var result = manifest.unitTests.values.filter { $0.dependsOnNodes.first == id && running.contains($0.uniqueID) }.map(\.uniqueID)
        var seen: Set<String> = []
        var pending = manifest.nodes[id]?.dependsOn.nodes ?? []
        while let parent = pending.popLast() {
            guard seen.insert(parent).inserted else { continue }
            if running.contains(parent) {
                result.append(parent)
            } else if let node = manifest.nodes[parent] {
                pending += node.dependsOn.nodes
            }
        }
        return result.sorted()
    }

    /// `weir build`: a node also waits for the tests of what is upstream of it, so a failing test
    /// skips what is built on the data it rejected.
    func buildParents(_ ids: [String], manifest: Manifest) -> [String: [String]] {
        let running = Set(ids)
        var parents: [String: [String]] = [:]
        for id in ids { parents[id] = self.parents(of: id, within: running, manifest: manifest) }
        var testsOf: [String: [String]] = [:]
        var testParents: [String: Set<String>] = [:]
        for id in ids where manifest.nodes[id]?.resourceType == .test {
            testParents[id] = Set(parents[id] ?? [])
            for parent in parents[id] ?? [] { testsOf[parent, default: []].append(id) }
        }
        // Everything upstream of a node, remembered per node.
        var upstream: [String: Set<String>] = [:]
        func upstreamOf(_ id: String) -> Set<String> {
            if let known = upstream[id] { return known }
            var result: Set<String> = []
            for parent in parents[id] ?? [] {
                result.insert(parent)
                result.formUnion(upstreamOf(parent))
            }
            upstream[id] = result
            return result
        }
        // dbt's `add_test_edges`: a test runs before a node when everything the test depends on
        // is upstream of that node. (Only the children of a tested node would do for one-parent
        // tests, but a `relationships` test between A and a descendant of A's child would then
        // wait for a node that waits for it.)
        var testEdges: [String: [String]] = [:]
        for id in ids where manifest.nodes[id]?.resourceType != .test && manifest.unitTests[id] == nil {
            let above = upstreamOf(id)
            var added: Set<String> = []
            for node in above {
                for test in testsOf[node] ?? [] where !added.contains(test) {
                    if testParents[test, default: []].isSubset(of: above) {
                        added.insert(test)
                        testEdges[id, default: []].append(test)
                    }
                }
            }
        }
        for (id, tests) in testEdges { parents[id, default: []] += tests.sorted() }
        // A unit test waits for the tests its model waits for, as dbt runs it in the model's turn.
        for id in ids {
            guard let model = manifest.unitTests[id]?.dependsOnNodes.first, let tests = testEdges[model] else { continue }
            parents[id, default: []] += tests.sorted()
        }
        return parents
    }

    /// The run's warehouse. A server warehouse opens the run's first connections at once: the
    /// session's (which also holds the run lock) and the workers', the first two of them while
    /// the project was parsed (`connectionsAhead`). An embedded one opens files, which costs next
    /// to nothing.
    private func warehouse(for parsed: Parsed, workers: Int) throws -> any Warehouse {
        if let ahead = parsed.warehouseAhead {
            ahead.openAhead(1 + workers - configuration.connectionsAhead)
            return ahead
        }
        let warehouse = try WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
        guard warehouse.dialect.relationsIncludeDatabase else { return warehouse }
        return PrewarmedWarehouse(warehouse, connections: 1 + workers)
    }

    /// Runs a command: connects, takes the run lock, creates schemas, runs `on-run-start`, the
    /// selected nodes and `on-run-end`, then writes `run_results.json`, `target/run/` and the manifest.
    public func execute(
        _ request: RunRequest, in parsed: Parsed, events: @escaping @Sendable (ExecutionEvent) -> Void,
        executorCreated: (Executor) -> Void = { _ in }
    ) throws -> RunOutcome {
        let startedAt = Date()
        // dbt's clone stops on a missing state before anything else.
        let cloneSources = request.command == .clone ? try stateRelations(in: parsed, for: "clone") : nil
        var ids = try runnableIDs(request, in: parsed)
        guard !ids.isEmpty else {
            // dbt's NothingToDo: no connection, no hooks, a run_results.json without results (none
            // when it is an error).
            if parsed.warningPolicy.isError(Diagnostic.nothingToDo) { throw WarningPolicy.promoted(.nothingToDo) }
            var outcome = RunOutcome(results: [], startedAt: startedAt, elapsed: 0, cancelled: false)
            outcome.nothingToDo = true
            try writeRunArtifacts(outcome, request: request, parsed: parsed)
            return outcome
        }
        let warehouse = try self.warehouse(for: parsed, workers: max(1, min(parsed.target.threads, ids.count)))
        defer { (warehouse as? PrewarmedWarehouse)?.close() }
        let compiledKept = reuseCompiledNodes(parsed.compiler, targetDirectory: targetDirectory(parsed))
        let session = try RunSession(
            workspace: self, parsed: parsed, warehouse: warehouse, fullRefresh: configuration.fullRefresh,
            seedIDs: ids.filter { parsed.manifest.nodes[$0]?.resourceType == .seed })
        defer { session.finish() }
        session.eventTimeStart = request.eventTimeStart
        session.eventTimeEnd = request.eventTimeEnd
        session.batchesToRetry = request.batchesToRetry
        session.batchesEndBy = request.originalInvocationStartedAt
        parsed.compiler.options.eventTimeEnd = request.eventTimeEnd
        try session.prepareSchemas(for: ids)
        if configuration.deferToState { session.listProjectSchemas() }
        parsed.compiler.deferral = try deferral(in: parsed, selected: ids, exists: session.relationExistence(selected: ids))
        defer { parsed.compiler.deferral = nil }
        session.cloneSources = cloneSources
        if request.command != .seed, request.command != .clone, parsed.compiler.options.vocabulary != nil {
            let models = try request.uniqueIDs.map { Array($0) } ?? selectModels(request.selection, in: parsed)
            let report = try checkColumnContracts(models: models, rebuilding: Set(ids), session: session, parsed: parsed)
            guard report.errors.isEmpty else { throw ColumnContractViolations(diagnostics: report.diagnostics) }
            let (printed, promoted) = parsed.warningPolicy.apply(to: report.diagnostics)
            for warning in printed {
                if let sink = configuration.warningSink { sink(warning) } else { session.warnings.append(warning) }
            }
            if let promoted { throw promoted }
            if report.testsChanged {
                ids = try runnableIDs(request, in: parsed)
                session.manifest = parsed.manifest
                try session.prepareSchemas(for: ids)
            }
        }

        var results: [NodeResult] = []
        // dbt's clone runs no `on-run-*` hooks.
        let hookIDs = request.command == .clone ? (start: [], end: []) : hookIDs(parsed)
        results += session.runHooks(hookIDs.start, events: events)
        let executor = Executor(
            warehouse: warehouse, threads: parsed.target.threads, failFast: request.failFast,
            events: { event in
                if case .finished(let result, _, _) = event { session.recordBuilt(result) }
                events(event)
            })
        executorCreated(executor)
        let parentMap: [String: [String]]
        switch request.command {
        case .build: parentMap = buildParents(ids, manifest: parsed.manifest)
        // Clones are independent of each other (dbt's `GraphRunnableMode.Independent`): one that
        // fails skips nothing.
        case .clone: parentMap = [:]
        default:
            parentMap = Dictionary(uniqueKeysWithValues: ids.map { ($0, parents(of: $0, within: Set(ids), manifest: parsed.manifest)) })
        }
        let jobs = ids.map { id in
            ExecutionJob(uniqueID: id, parents: parentMap[id] ?? []) { connection in try session.prepare(id, on: connection) }
        }
        results += executor.run(jobs)
        if !executor.wasCancelled { results += session.runHooks(hookIDs.end, events: events) }
        var outcome = RunOutcome(
            results: results, startedAt: startedAt, elapsed: Date().timeIntervalSince(startedAt), cancelled: executor.wasCancelled)
        outcome.warnings = session.warnings
        keepCompiledNodes(parsed.compiler, replacing: compiledKept, targetDirectory: targetDirectory(parsed))
        try writeRunArtifacts(outcome, request: request, parsed: parsed)
        return outcome
    }

    /// `on-run-start` and `on-run-end` operations, root project first, each in file order.
    func hookIDs(_ parsed: Parsed) -> (start: [String], end: [String]) {
        let operations = parsed.manifest.nodes.values.filter { $0.resourceType == .operation }
        let rootName = parsed.rootConfig.name
        func ordered(_ kind: String) -> [String] {
            operations.filter { $0.name.contains("-\(kind)-") }
                .sorted { ($0.packageName != rootName ? 1 : 0, $0.packageName, $0.hookIndex ?? 0) < ($1.packageName != rootName ? 1 : 0, $1.packageName, $1.hookIndex ?? 0) }
                .map(\.uniqueID)
        }
        return (ordered("on-run-start"), ordered("on-run-end"))
    }

    /// `weir plan`: the statements `weir build` would run for the selection, as one script. With
    /// `offlineDialect` it assumes an empty warehouse and needs no connection.
    /// Unit tests are left out: they build nothing.
    public func plan(_ request: RunRequest, in parsed: Parsed) throws -> String {
        let ids = try runnableIDs(request, in: parsed).filter { parsed.manifest.unitTests[$0] == nil }
        let session: RunSession
        if let dialectName = request.offlineDialect {
            guard let dialect = SQLDialect.named(dialectName) else {
                throw Diagnostic(
                    code: "W0003", message: "unknown dialect '\(dialectName)'",
                    help: "use one of \(SQLDialect.supportedAdapterTypes.joined(separator: ", "))")
            }
            session = RunSession(offline: self, parsed: parsed, dialect: dialect, fullRefresh: configuration.fullRefresh)
        } else {
            let warehouse = try WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
            session = try RunSession(workspace: self, parsed: parsed, warehouse: warehouse, fullRefresh: configuration.fullRefresh, lock: false)
        }
        defer { session.finish() }
        let plan = try session.plan(ids, hooks: hookIDs(parsed))
        var header = [
            "Weir plan: `weir \(request.command.rawValue)` for target '\(parsed.target.name)' (\(plan.dialect.adapterType))",
            "\(plan.nodes.count) nodes; "
                + (request.offlineDialect != nil ? "assumes an empty warehouse" : "from the warehouse's state at planning time"),
        ]
        if plan.dialect.relationsIncludeDatabase { header.append("Run with: psql -v ON_ERROR_STOP=1 -f plan.sql") }
        let script = try PlanScript(plan: plan, header: header, attachPath: { session.attachPath(forSchema: $0) }).render()
        let path = join(targetDirectory(parsed), "plan.sql")
        try fileSystem.writeFile(path, Array(script.utf8))
        return path
    }
}
