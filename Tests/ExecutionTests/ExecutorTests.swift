import Execution
import Foundation
import Planning
import SQLDialect
import Testing
import Warehouse

/// A warehouse that records statements and fails the ones containing "boom"; statements
/// containing "sleep" block until cancelled.
final class ScriptedWarehouse: Warehouse, @unchecked Sendable {
    let dialect = SQLDialect.sqlite
    let lock = NSLock()
    var log: [String] = []
    var running = 0
    var maxRunning = 0

    func connect() throws -> any WarehouseConnection { ScriptedConnection(self) }

    func append(_ sql: String) {
        lock.lock()
        log.append(sql)
        lock.unlock()
    }
}

final class ScriptedConnection: WarehouseConnection, @unchecked Sendable {
    let owner: ScriptedWarehouse
    let cancelled = NSCondition()
    var isCancelled = false
    var dialect: SQLDialect { owner.dialect }

    init(_ owner: ScriptedWarehouse) { self.owner = owner }

    func execute(_ sql: String) throws -> QueryResult {
        owner.append(sql)
        owner.lock.lock()
        owner.running += 1
        owner.maxRunning = max(owner.maxRunning, owner.running)
        owner.lock.unlock()
        defer {
            owner.lock.lock()
            owner.running -= 1
            owner.lock.unlock()
        }
        if sql.contains("sleep") {
            cancelled.lock()
            while !isCancelled { _ = cancelled.wait(until: Date().addingTimeInterval(0.05)) }
            cancelled.unlock()
            throw WarehouseError(kind: .cancelled, message: "canceling statement due to user request")
        }
        if sql.contains("pause") { Thread.sleep(forTimeInterval: 0.1) }
        if sql.contains("boom") { throw WarehouseError(kind: .query, message: "boom", position: 1, statement: sql) }
        if sql.hasPrefix("select") {
            let failures: Int64 = sql.contains("failing") ? 3 : 0
            return QueryResult(rows: [[.integer(failures), .boolean(failures != 0), .boolean(failures != 0)]], status: "SELECT 1")
        }
        return QueryResult(status: "OK")
    }

    func load(into relation: RelationName, columns: [String], rows: any LoadRows) throws -> Int { rows.count }
    func schemas() throws -> [String] { [] }
    func createSchema(_ name: String) throws {}
    func relations(inSchema schema: String) throws -> [RelationDescription] { [] }
    func columns(of relation: RelationName) throws -> [ColumnDescription] { [] }
    func describe(query sql: String) throws -> [ColumnDescription] { [] }
    func cancel() {
        cancelled.lock()
        isCancelled = true
        cancelled.broadcast()
        cancelled.unlock()
    }
    func close() {}
}

@Suite struct ExecutorTests {
    static func job(_ id: String, parents: [String] = [], sql: String? = nil, test: Bool = false) -> ExecutionJob {
        ExecutionJob(uniqueID: id, parents: parents) { _ in
            let steps: [PlanStep] =
                test
                ? [.test(sql ?? "select 1 as failures")]
                : [.statement(sql ?? "create table \(id)", main: true), .begin, .statement("alter \(id)"), .commit]
            return PreparedNode(
                plan: NodePlan(uniqueID: id, label: test ? "test" : "sql table model", relation: nil, steps: steps,
                    cleanup: [.statement("drop \(id)__weir_tmp")]),
                compiledCode: sql, relationName: nil)
        }
    }

    func run(_ jobs: [ExecutionJob], threads: Int = 1, failFast: Bool = false) -> (results: [String: NodeResult], warehouse: ScriptedWarehouse) {
        let warehouse = ScriptedWarehouse()
        let executor = Executor(warehouse: warehouse, threads: threads, failFast: failFast) { _ in }
        let results = executor.run(jobs)
        return (Dictionary(uniqueKeysWithValues: results.map { ($0.uniqueID, $0) }), warehouse)
    }

    @Test func parentsRunBeforeChildren() {
        let (results, warehouse) = run([Self.job("c", parents: ["b"]), Self.job("b", parents: ["a"]), Self.job("a")], threads: 3)
        #expect(results.values.allSatisfy { $0.status == .success })
        let creates = warehouse.log.filter { $0.hasPrefix("create") }
        #expect(creates == ["create table a", "create table b", "create table c"])
    }

    @Test(arguments: [1, 2])
    func jobsWaitingOnEachOtherAreSkippedNotWaitedForForever(threads: Int) {
        let (results, warehouse) = run(
            [Self.job("a"), Self.job("b", parents: ["a", "c"]), Self.job("c", parents: ["b"]), Self.job("d", parents: ["c"])],
            threads: threads)
        #expect(results["a"]?.status == .success)
        #expect(["b", "c", "d"].map { results[$0]?.status } == [.skipped, .skipped, .skipped])
        #expect(results.count == 4)
        #expect(warehouse.log.filter { $0.hasPrefix("create") } == ["create table a"])
    }

    @Test func aFailureSkipsDescendantsAndTheRestGoOn() {
        let (results, warehouse) = run([
            Self.job("a", sql: "boom"), Self.job("b", parents: ["a"]), Self.job("c", parents: ["b"]), Self.job("d"),
        ])
        #expect(results["a"]?.status == .error)
        #expect(results["b"]?.status == .skipped)
        #expect(results["c"]?.status == .skipped)
        #expect(results["d"]?.status == .success)
        // The failed node cleaned up what it half-built.
        #expect(warehouse.log.contains("drop a__weir_tmp"))
    }

    @Test func aFailureInsideATransactionRollsBack() {
        let (results, warehouse) = run([
            ExecutionJob(uniqueID: "a", parents: []) { _ in
                PreparedNode(
                    plan: NodePlan(uniqueID: "a", label: "sql table model", relation: nil, steps: [.begin, .statement("boom"), .commit]),
                    compiledCode: nil, relationName: nil)
            }
        ])
        #expect(results["a"]?.status == .error)
        #expect(warehouse.log == ["begin immediate", "boom", "rollback"])
    }

    @Test func failingTestsFailAndWarnBySeverity() {
        var warned = Self.job("warned", sql: "select failing", test: true)
        let original = warned.prepare
        warned.prepare = { connection in
            var prepared = try original(connection)
            prepared.severity = "warn"
            return prepared
        }
        let (results, _) = run([
            Self.job("passing", sql: "select ok", test: true), Self.job("failing", sql: "select failing", test: true), warned,
        ])
        #expect(results["passing"]?.status == .pass)
        #expect(results["failing"]?.status == .fail)
        #expect(results["failing"]?.failures == 3)
        #expect(results["failing"]?.message == "Got 3 results, configured to fail if != 0")
        #expect(results["warned"]?.status == .warn)
    }

    @Test func threadsRunIndependentNodesAtOnce() {
        let jobs = (1...4).map { Self.job("n\($0)", sql: "pause \($0)") }
        let (results, warehouse) = run(jobs, threads: 4)
        #expect(results.count == 4)
        #expect(warehouse.maxRunning > 1)
    }

    @Test func failFastStopsRunningNodesAndSkipsTheRest() {
        let (results, _) = run(
            [Self.job("slow", sql: "sleep"), Self.job("bad", sql: "boom"), Self.job("later", parents: ["slow"])], threads: 2,
            failFast: true)
        #expect(results["bad"]?.status == .error)
        #expect(results["slow"]?.status == .error)
        #expect(results["later"]?.status == .skipped)
    }

    @Test func cancelInterruptsAndSkipsWhatIsLeft() {
        let warehouse = ScriptedWarehouse()
        let executor = Executor(warehouse: warehouse, threads: 1) { _ in }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { executor.cancel() }
        let results = executor.run([Self.job("slow", sql: "sleep"), Self.job("next", parents: ["slow"]), Self.job("other")])
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.uniqueID, $0) })
        #expect(executor.wasCancelled)
        #expect(byID["slow"]?.status == .error)
        #expect(byID["next"]?.status == .skipped)
        #expect(byID["other"]?.status == .skipped)
    }
}
