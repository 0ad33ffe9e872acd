import Artifacts
import Compiler
import Diagnostics
import Execution
import Foundation
import ProjectLoading
import ProjectModel
import Selection
import SQLDialect
import Warehouse

/// What `weir source freshness` asks of the workspace.
public struct FreshnessRequest: Sendable {
    public var selection: SelectionRequest
    /// `--output`/`-o`: where sources.json goes instead of `target/sources.json` (relative to
    /// the working directory, as dbt resolves it).
    public var outputPath: String?

    public init(selection: SelectionRequest, outputPath: String? = nil) {
        self.selection = selection
        self.outputPath = outputPath
    }
}

/// Progress of `weir source freshness`, for the reporter.
public enum FreshnessEvent: Sendable {
    case started(id: String, index: Int, total: Int)
    case statement(id: String, sql: String)
    case finished(FreshnessResult, index: Int, total: Int)
}

/// How `weir source freshness` ended.
public struct FreshnessOutcome: Sendable {
    public var results: [FreshnessResult]
    /// The project's `on-run-start` and `on-run-end` hooks, which run around the checks as dbt
    /// 1.11 runs them (its `source_freshness_run_project_hooks` flag is on by default).
    public var hookResults: [NodeResult] = []
    public var elapsed: TimeInterval = 0
    /// Whether no source with thresholds was selected (dbt's NothingToDo).
    public var nothingToDo = false
    /// Where sources.json was written.
    public var sourcesPath = ""

    /// dbt's exit status: 1 when a source is past `error_after` or could not be checked, or a
    /// hook failed; warnings pass.
    public var exitStatus: Int32 {
        results.contains { $0.status.isFailure } || hookResults.contains { $0.status.isFailure } ? 1 : 0
    }
}

extension Workspace {
    /// `weir source freshness`: for each selected source with thresholds, in unique-id order on
    /// `threads` connections, its newest load time and the warehouse's clock from dbt's
    /// `collect_freshness`, and the verdict the thresholds give the age between them; then
    /// `sources.json` and the manifest. Nothing is written to the warehouse but what hooks write.
    public func sourceFreshness(
        _ request: FreshnessRequest, in parsed: Parsed, events: @escaping @Sendable (FreshnessEvent) -> Void,
        hookEvents: @escaping @Sendable (ExecutionEvent) -> Void
    ) throws -> FreshnessOutcome {
        let startedAt = Date()
        var selection = request.selection
        selection.resourceTypes = [.source]
        let sources = try select(selection, in: parsed).sorted().compactMap { id -> SourceDefinition? in
            guard let source = parsed.manifest.sources[id], source.isEnabled, source.freshnessThreshold.isSet else { return nil }
            return source
        }
        var outcome = FreshnessOutcome(results: [])
        outcome.sourcesPath = request.outputPath.map { absolute($0) } ?? join(targetDirectory(parsed), "sources.json")
        guard !sources.isEmpty else {
            if parsed.warningPolicy.isError(Diagnostic.nothingToDo) { throw WarningPolicy.promoted(.nothingToDo) }
            outcome.nothingToDo = true
            try writeSources(outcome, parsed: parsed)
            return outcome
        }
        let warehouse = try WarehouseFactory.make(parsed.target, projectDirectory: projectDirectory)
        let session = try RunSession(workspace: self, parsed: parsed, warehouse: warehouse, fullRefresh: false, lock: false)
        defer { session.finish() }
        let hooks = hookIDs(parsed)
        outcome.hookResults = session.runHooks(hooks.start, events: hookEvents)
        let checks = FreshnessChecks(sources: sources, session: session, events: events)
        outcome.results = checks.run(on: warehouse, threads: max(1, min(parsed.target.threads, sources.count)))
        outcome.hookResults += session.runHooks(hooks.end, events: hookEvents)
        outcome.elapsed = Date().timeIntervalSince(startedAt)
        try writeSources(outcome, parsed: parsed)
        return outcome
    }

    private func writeSources(_ outcome: FreshnessOutcome, parsed: Parsed) throws {
        guard configuration.writeJSON else { return }
        let metadata = ArtifactMetadata(
            dbtVersion: ProjectCompiler.dbtVersion, generatedAt: Date(), invocationID: parsed.compiler.options.invocationID,
            invocationStartedAt: parsed.compiler.options.runStartedAt, env: customEnvironment())
        let bytes = SourcesWriter(metadata: metadata).document(results: outcome.results, elapsed: outcome.elapsed).serializedBytes()
        try fileSystem.writeFile(outcome.sourcesPath, bytes)
        try writeManifest(parsed)
    }

    /// A path given on the command line, from the working directory.
    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : join(FileManager.default.currentDirectoryPath, path)
    }
}

/// The checks of one `source freshness` invocation, shared by its worker threads: each takes
/// the next source, renders its query under the compiler lock, runs it on its own connection.
private final class FreshnessChecks: @unchecked Sendable {
    let sources: [SourceDefinition]
    let session: RunSession
    let events: @Sendable (FreshnessEvent) -> Void
    private let lock = NSLock()
    private var next = 0
    private var results: [FreshnessResult?]

    init(sources: [SourceDefinition], session: RunSession, events: @escaping @Sendable (FreshnessEvent) -> Void) {
        self.sources = sources
        self.session = session
        self.events = events
        results = Array(repeating: nil, count: sources.count)
    }

    /// Every source's result, in the sources' order.
    func run(on warehouse: any Warehouse, threads: Int) -> [FreshnessResult] {
        let group = DispatchGroup()
        for worker in 1...threads {
            group.enter()
            let thread = Thread { [self] in
                work(on: warehouse, threadID: "Thread-\(worker) (worker)")
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.compactMap { $0 }
    }

    private func take() -> Int? {
        lock.withLock {
            guard next < sources.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    private func work(on warehouse: any Warehouse, threadID: String) {
        var connection: (any WarehouseConnection)?
        defer { connection?.close() }
        while let index = take() {
            let source = sources[index]
            events(.started(id: source.uniqueID, index: index + 1, total: sources.count))
            var result = FreshnessResult(
                uniqueID: source.uniqueID, status: .runtimeError, threadID: threadID, criteria: source.freshnessThreshold)
            result.compileStarted = Date()
            do {
                if connection == nil { connection = try warehouse.connect() }
                try check(source, on: connection!, into: &result)
            } catch let error as WarehouseError where connection == nil {
                result.error = RunSession.connectionFailed(error, target: session.parsed.target)
            } catch {
                result.error = error
            }
            if result.executeStarted == nil { result.compileCompleted = Date() }
            result.executeCompleted = Date()
            lock.withLock { results[index] = result }
            events(.finished(result, index: index + 1, total: sources.count))
        }
    }

    private func check(_ source: SourceDefinition, on connection: any WarehouseConnection, into result: inout FreshnessResult) throws {
        let runner = ConnectionQueryRunner(connection)
        let query = try session.compilerLock.withLock {
            try session.parsed.compiler.freshnessQuery(for: source) { runner }
        }
        result.compileCompleted = Date()
        result.executeStarted = result.compileCompleted
        let table: QueryTable
        switch query {
        case .statement(let sql):
            events(.statement(id: source.uniqueID, sql: sql))
            table = try runner.run(sql, fetch: true)
        case .table(let returned):
            table = returned
        }
        result.responseMessage = table.status
        result.responseCode = table.statusCode
        result.rowsAffected = table.rowsAffected ?? table.rows.count
        let times = try FreshnessTimes(table, of: source, dialect: connection.dialect)
        result.maxLoadedAt = times.maxLoadedAt
        result.snapshottedAt = times.snapshottedAt
        result.status = FreshnessStatus(source.freshnessThreshold.verdict(age: times.age))
    }
}
