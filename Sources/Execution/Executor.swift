import Foundation
import Planning
import SQLDialect
import Warehouse

/// Runs jobs on a pool of warehouse connections, `threads` at once: a job starts as soon as its
/// parents have finished, a failure skips its descendants while the rest go on (or stops
/// everything with `failFast`), and `cancel()` interrupts running statements.
public final class Executor: @unchecked Sendable {
    public let warehouse: any Warehouse
    public let threads: Int
    public let failFast: Bool
    let events: @Sendable (ExecutionEvent) -> Void

    private let condition = NSCondition()
    private var jobs: [String: ExecutionJob] = [:]
    private var order: [String: Int] = [:]
    /// The jobs' ids by their position in the input.
    private var ids: [String] = []
    private var pendingParents: [String: Int] = [:]
    private var children: [String: [String]] = [:]
    /// The positions of the jobs ready to run.
    private var ready = ReadyQueue()
    /// Why a job will be skipped instead of run: the failed ancestor's id.
    private var doomed: [String: String] = [:]
    /// The ephemeral models whose failure doomed jobs, by id: each such skip carries it, as dbt's
    /// does (its message and, reported, the ephemeral model's error).
    private var ephemeralFailures: [String: EphemeralFailure] = [:]
    private var results: [String: NodeResult] = [:]
    private var finished: [NodeResult] = []
    private var started = 0
    private var running: Set<String> = []
    private var activeConnections: [ObjectIdentifier: any WarehouseConnection] = [:]
    private var cancelled = false
    private var stopScheduling = false

    public init(warehouse: any Warehouse, threads: Int, failFast: Bool = false, events: @escaping @Sendable (ExecutionEvent) -> Void) {
        self.warehouse = warehouse
        self.threads = max(1, threads)
        self.failFast = failFast
        self.events = events
    }

    /// Runs every job and returns their results in the order they finished.
    public func run(_ jobList: [ExecutionJob]) -> [NodeResult] {
        condition.lock()
        for (index, job) in jobList.enumerated() {
            jobs[job.uniqueID] = job
            order[job.uniqueID] = index
        }
        ids = jobList.map(\.uniqueID)
        for job in jobList {
            let parents = Set(job.parents.filter { jobs[$0] != nil && $0 != job.uniqueID })
            pendingParents[job.uniqueID] = parents.count
            for parent in parents { children[parent, default: []].append(job.uniqueID) }
            if parents.isEmpty, let position = order[job.uniqueID] { ready.insert(position) }
        }
        condition.unlock()
        let group = DispatchGroup()
        for worker in 1...min(threads, max(1, jobList.count)) {
            group.enter()
            let thread = Thread { [self] in
                work(threadID: "Thread-\(worker)")
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Stops the run: running statements are interrupted (their nodes roll back and clean up),
    /// nothing new starts, and what has not run is reported as skipped. Safe from any thread.
    public func cancel() {
        condition.lock()
        cancelled = true
        stopScheduling = true
        let connections = Array(activeConnections.values)
        condition.broadcast()
        condition.unlock()
        for connection in connections { connection.cancel() }
    }

    public var wasCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    private func work(threadID: String) {
        var connection: (any WarehouseConnection)?
        defer { connection?.close() }
        while let (id, skipCause) = nextJob() {
            guard let job = jobs[id] else { continue }
            if let skipCause {
                var result = NodeResult(uniqueID: id, status: .skipped, threadID: threadID)
                if let failure = ephemeralFailure(skipCause) {
                    result.message = failure.message(for: id)
                    result.error = failure
                }
                let index = claimIndex()
                events(.skipped(result, cause: skipCause, index: index, total: jobs.count))
                complete(result)
                continue
            }
            let index = claimIndex()
            events(.started(id: id, index: index, total: jobs.count))
            var result: NodeResult
            do {
                if connection == nil {
                    let opened = try warehouse.connect()
                    connection = opened
                }
                guard let connection else { continue }
                register(connection, threadID: threadID)
                result = execute(job, on: connection, threadID: threadID)
                unregister(connection)
            } catch {
                result = NodeResult(uniqueID: id, status: .error, threadID: threadID)
                result.message = String(describing: error)
                result.error = error
            }
            if let failure = result.error as? EphemeralFailure {
                events(.skipped(result, cause: failure.ephemeralID, index: index, total: jobs.count))
            } else {
                events(.finished(result, index: index, total: jobs.count))
            }
            complete(result)
        }
    }

    private func ephemeralFailure(_ id: String) -> EphemeralFailure? {
        condition.lock()
        defer { condition.unlock() }
        return ephemeralFailures[id]
    }

    private func claimIndex() -> Int {
        condition.lock()
        defer { condition.unlock() }
        started += 1
        return started
    }

    func register(_ connection: any WarehouseConnection, threadID: String) {
        condition.lock()
        activeConnections[ObjectIdentifier(connection)] = connection
        let stop = cancelled
        condition.unlock()
        if stop { connection.cancel() }
    }

    func unregister(_ connection: any WarehouseConnection) {
        condition.lock()
        activeConnections[ObjectIdentifier(connection)] = nil
        condition.unlock()
    }

    /// The next job to run or skip, waiting while others run; nil when everything is done.
    private func nextJob() -> (String, String?)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let position = ready.popFirst() {
                let id = ids[position]
                // In flight until completed, skipped or not, so no other worker takes it for stuck.
                running.insert(id)
                if stopScheduling { return (id, doomed[id] ?? "the run was stopped") }
                return (id, doomed[id])
            }
            if results.count == jobs.count { return nil }
            if running.isEmpty {
                // Nothing runs and nothing is ready, yet jobs are left: they wait on each other
                // (a cycle in the parents given). Skip them rather than wait forever.
                let stuck = jobs.keys.filter { results[$0] == nil }.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
                for id in stuck {
                    doomed[id] = doomed[id] ?? stuck[0]
                    pendingParents[id] = 0
                }
                for id in stuck { if let position = order[id] { ready.insert(position) } }
                continue
            }
            condition.wait()
        }
    }

    private func complete(_ result: NodeResult) {
        condition.lock()
        defer { condition.unlock() }
        let id = result.uniqueID
        running.remove(id)
        results[id] = result
        finished.append(result)
        if result.status.isFailure && failFast && result.status != .skipped { stopScheduling = true }
        if let failure = result.error as? EphemeralFailure { ephemeralFailures[failure.ephemeralID] = failure }
        for child in children[id] ?? [] {
            if result.status.isFailure && doomed[child] == nil {
                doomed[child] = doomed[id] ?? (result.error as? EphemeralFailure)?.ephemeralID ?? id
            }
            pendingParents[child, default: 1] -= 1
            if pendingParents[child] == 0, let position = order[child] { ready.insert(position) }
        }
        if stopScheduling && !cancelled {
            // --fail-fast: interrupt what is still running.
            cancelled = true
            for connection in activeConnections.values { connection.cancel() }
        }
        condition.broadcast()
    }

    // MARK: - One node

    private func execute(_ job: ExecutionJob, on connection: any WarehouseConnection, threadID: String) -> NodeResult {
        var result = NodeResult(uniqueID: job.uniqueID, status: .error, threadID: threadID)
        result.compileStarted = Date()
        let prepared: PreparedNode
        do {
            prepared = try job.prepare(connection)
        } catch let failure as EphemeralFailure {
            result.compileCompleted = Date()
            result.status = .skipped
            result.message = failure.message(for: job.uniqueID)
            result.error = failure
            return result
        } catch {
            result.compileCompleted = Date()
            result.message = String(describing: error)
            result.error = error
            return result
        }
        result.compileCompleted = Date()
        result.compiledCode = prepared.compiledCode
        result.relationName = prepared.relationName
        result.executeStarted = Date()
        do {
            try perform(prepared.plan.steps, cleanup: prepared.plan.cleanup, prepared, on: connection, into: &result)
            if !prepared.plan.batches.isEmpty {
                runBatches(prepared, on: connection, into: &result)
            } else if !prepared.isTest {
                result.status = .success
                if result.responseMessage == nil { result.message = prepared.message }
            }
        } catch {
            result.status = .error
            result.message = String(describing: error)
            result.error = error
        }
        result.executeCompleted = Date()
        return result
    }

    /// Runs steps in order. On an error it rolls back an open transaction and runs `cleanup`
    /// (dropping a half-built relation), so a failure leaves the warehouse as it was, then rethrows.
    func perform(
        _ steps: [PlanStep], cleanup: [PlanStep], _ prepared: PreparedNode, on connection: any WarehouseConnection,
        into result: inout NodeResult
    ) throws {
        let id = result.uniqueID
        var inTransaction = false
        do {
            for step in steps {
                switch step {
                case .statement(let sql, let main):
                    let response = try run(sql, on: connection, id: id, into: &result)
                    if main { record(response, into: &result) }
                case .begin:
                    _ = try run(connection.dialect.beginStatement, on: connection, id: id, into: &result)
                    inTransaction = true
                case .commit:
                    _ = try run("commit", on: connection, id: id, into: &result)
                    inTransaction = false
                case .load(let load):
                    events(.statement(id: id, sql: "-- load \(load.rows.count) rows into \(load.relation)"))
                    let count = try connection.load(into: load.relation, columns: load.columns, rows: load.rows)
                    result.rowsAffected = count
                    result.responseMessage = "INSERT \(count)"
                    result.responseCode = "INSERT"
                case .test(let sql):
                    let response = try run(sql, on: connection, id: id, into: &result)
                    judge(response, prepared, into: &result)
                case .unitTest(let sql):
                    let response = try run(sql, on: connection, id: id, into: &result)
                    judgeUnitTest(response, into: &result)
                case .deferred(let statements):
                    for sql in try statements.render() { _ = try run(sql, on: connection, id: id, into: &result) }
                case .columnComments(let comments):
                    let existing = try connection.columns(of: comments.relation).map(\.name)
                    for sql in comments.statements(forColumns: existing) { _ = try run(sql, on: connection, id: id, into: &result) }
                case .materialization(let call):
                    var executed: [String] = []
                    defer { result.executedSQL += executed }
                    let response = try call.run { [events] sql in
                        events(.statement(id: id, sql: sql))
                        executed.append(sql)
                    }
                    record(response, into: &result)
                case .report(let message, let code):
                    result.responseMessage = message
                    result.responseCode = code
                    result.rowsAffected = -1
                }
            }
        } catch {
            if inTransaction { _ = try? connection.execute("rollback") }
            for step in cleanup {
                if case .statement(let sql, _) = step { _ = try? connection.execute(sql) }
            }
            throw error
        }
    }

    func run(_ sql: String, on connection: any WarehouseConnection, id: String, into result: inout NodeResult) throws
        -> QueryResult
    {
        events(.statement(id: id, sql: sql))
        result.executedSQL.append(sql)
        return try connection.execute(sql)
    }

    func record(_ response: QueryResult, into result: inout NodeResult) {
        result.responseMessage = response.status
        result.responseCode = SQLDialect.responseCode(response.status)
        result.rowsAffected = response.rowsAffected
    }

    /// dbt's test verdict: `should_error` fails the test unless its severity is warn, then
    /// `should_warn` warns (fails, when warnings are errors), otherwise it passes: a test of
    /// severity warn whose `error_if` holds but not its `warn_if` passes, as in dbt.
    private func judge(_ response: QueryResult, _ prepared: PreparedNode, into result: inout NodeResult) {
        guard let row = response.rows.first, row.count >= 3 else {
            result.status = .error
            result.message = "the test query returned no result row"
            return
        }
        let failures = Self.integer(row[0])
        let shouldWarn = Self.truthy(row[1])
        let shouldError = Self.truthy(row[2])
        result.failures = failures
        result.responseMessage = response.status
        let verdict: String
        if shouldError && prepared.severity.lowercased() != "warn" {
            result.status = .fail
            verdict = "fail if \(prepared.errorIf)"
        } else if shouldWarn {
            result.status = prepared.warningFails ? .fail : .warn
            verdict = (prepared.warningFails ? "fail if " : "warn if ") + prepared.warnIf
        } else {
            result.status = .pass
            return
        }
        result.message = "Got \(failures) result\(failures == 1 ? "" : "s"), configured to \(verdict)"
    }

    /// dbt's unit test verdict: the actual and expected rows (the `actual_or_expected` column
    /// tells them apart) must be the same, in any order; a difference fails the test (one
    /// failure) with the difference as its message.
    private func judgeUnitTest(_ response: QueryResult, into result: inout NodeResult) {
        record(response, into: &result)
        let names = response.columns.map { $0.name.lowercased() }
        guard let side = names.firstIndex(of: "actual_or_expected") else {
            result.status = .error
            result.message = "the unit test query returned no actual_or_expected column"
            return
        }
        let kept = names.indices.filter { $0 != side }
        func rows(_ which: String) -> [[WarehouseValue]] {
            response.rows.filter { $0[side].text == which }.map { row in kept.map { row[$0] } }
        }
        let diff = UnitTestDiff(columns: kept.map { names[$0] }, expected: rows("expected"), actual: rows("actual"))
        result.failures = 0
        result.status = .pass
        if let rendered = diff.rendered {
            result.status = .fail
            result.failures = 1
            result.message = "\n\nactual differs from expected:\n\n\(rendered)\n"
        }
    }

    static func integer(_ value: WarehouseValue) -> Int {
        switch value {
        case .integer(let number): return Int(number)
        case .real(let number): return Int(number)
        case .text(let text): return Int(text) ?? 0
        case .boolean(let flag): return flag ? 1 : 0
        case .null: return 0
        }
    }

    static func truthy(_ value: WarehouseValue) -> Bool {
        switch value {
        case .integer(let number): return number != 0
        case .real(let number): return number != 0
        case .boolean(let flag): return flag
        case .text(let text): return ["t", "true", "1"].contains(text.lowercased())
        case .null: return false
        }
    }
}
