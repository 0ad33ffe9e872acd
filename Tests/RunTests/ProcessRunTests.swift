import Foundation
import Testing

/// The `weir` executable interrupted for real: Ctrl-C during a long statement, and a process
/// killed outright, then run again.
@Suite struct ProcessRunTests {
    /// The `weir` built beside the test bundle (`swift build --build-tests` builds it).
    static func weir() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("weir")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        Issue.record("the weir executable was not found beside \(CommandLine.arguments[0]); build it with `swift build --build-tests`")
        throw CancellationError()
    }

    /// The shop project plus a model whose table takes seconds to build.
    static func projectWithSlowModel() throws -> RunProject {
        let project = try RunProject("shop")
        let slow = """
            {{ config(materialized='table') }}
            with recursive counter(x) as (select 1 union all select x + 1 from counter where x < {{ var('slow_rows', 1) }})
            select count(*) as n from counter
            """
        try slow.write(toFile: project.directory + "/models/slow.sql", atomically: true, encoding: .utf8)
        return project
    }

    /// Starts `weir arguments...` in the project and returns it once its output shows `marker`.
    static func start(_ arguments: [String], in project: RunProject, waitingFor marker: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = try weir()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains(marker) && Date() < deadline && process.isRunning {
            let data = output.fileHandleForReading.availableData
            seen += String(decoding: data, as: UTF8.self)
        }
        #expect(seen.contains(marker), "\(seen)")
        Thread.sleep(forTimeInterval: 0.3)
        return (process, output)
    }

    @Test func ctrlCInterruptsTheRunningStatementAndLeavesTheOldRelation() throws {
        let project = try Self.projectWithSlowModel()
        try project.run()
        let (process, output) = try Self.start(
            ["run", "-s", "slow", "--vars", "{slow_rows: 200000000}"], in: project, waitingFor: "START sql table model main.slow")
        let started = Date()
        process.interrupt()
        process.waitUntilExit()
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2, "\(log)")
        #expect(Date().timeIntervalSince(started) < 20, "the statement was interrupted, not waited for")
        let warehouse = try project.sqlite()
        #expect(try rows(warehouse, "select n from slow") == [["1"]], "the previous relation is intact")
        #expect(try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }.isEmpty)
    }

    @Test func aKilledRunIsRepairedByTheNextOne() throws {
        let project = try Self.projectWithSlowModel()
        try project.run()
        let (process, _) = try Self.start(
            ["build", "--vars", "{slow_rows: 200000000}"], in: project, waitingFor: "START sql table model main.slow")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let (outcome, _) = try project.run()
        #expect(outcome.exitStatus == 0, "\(outcome.results.filter { $0.status.isFailure }.map { "\($0.uniqueID): \($0.message ?? "")" })")
        let warehouse = try project.sqlite()
        #expect(try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }.isEmpty)
        #expect(try rows(warehouse, "select count(*) from customers") == [["3"]])
        #expect(try rows(warehouse, "select n from slow") == [["1"]])
    }

    @Test func anIncrementalRunKilledMidwayLeavesTheTargetConsistentAndTheNextRunCatchesUp() throws {
        let (project, connection) = try IncrementalBehaviourTests.loaded(days: 3)
        // sessions, with a one-row cross join that takes as long as asked.
        let sessions = try String(contentsOfFile: project.directory + "/models/sessions.sql", encoding: .utf8)
        let slow = sessions.replacingOccurrences(
            of: "from {{ ref('stg_events') }} as e\n",
            with: "from {{ ref('stg_events') }} as e\ncross join (with recursive counter(x) as (select 1 union all select x + 1 from counter where x < {{ var('slow_rows', 1) }}) select count(*) as n from counter) as slow\n")
        #expect(slow != sessions)
        try slow.write(toFile: project.directory + "/models/slow_sessions.sql", atomically: true, encoding: .utf8)
        _ = try connection.execute("delete from raw_events where loaded_day >= 2")
        try project.run(.run, select: ["stg_events", "slow_sessions"])
        let before = try rows(connection, "select * from slow_sessions order by session_id")

        // The next day's events arrive; the run that would take them in is killed.
        for statement in EventStream(seed: 7, days: 3).load(day: 2, into: "main.raw_events") { _ = try connection.execute(statement) }
        let (process, _) = try Self.start(
            ["run", "-s", "slow_sessions", "--vars", "{slow_rows: 200000000}"], in: project,
            waitingFor: "START sql incremental model main.slow_sessions")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try rows(connection, "select * from slow_sessions order by session_id") == before, "the target (and so its watermark) is as it was")

        let (outcome, _) = try project.run(.run, select: ["slow_sessions"])
        #expect(outcome.exitStatus == 0)
        let caughtUp = try rows(connection, "select * from slow_sessions order by session_id")
        #expect(caughtUp != before)
        try project.run(.run, select: ["slow_sessions"], fullRefresh: true)
        #expect(try rows(connection, "select * from slow_sessions order by session_id") == caughtUp)
    }
}
