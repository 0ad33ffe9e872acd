import Execution
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Testing
import Warehouse
import Workspace

/// A random stream of web events over several days: sessions that span midnight, sessions that
/// pause long enough to close and then resume, events that arrive a day late (within every
/// model's lookback), and events delivered twice.
struct EventStream {
    struct Event {
        var id: Int
        var session: Int
        var user: Int
        var at: Date
        var amount: Int
        /// The day (index from the first) whose load delivers the event.
        var arrivalDay: Int
    }

    static let firstDay = EventTime.parse("2024-03-01")!
    let days: Int
    var events: [Event] = []

    /// SplitMix64: a small generator whose sequence a seed fixes, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    init(seed: UInt64, days: Int, sessionsPerDay: Int = 12) {
        self.days = days
        var random = Generator(state: seed)
        var nextEvent = 1
        var nextSession = 1
        for day in 0..<days {
            for _ in 0..<sessionsPerDay {
                let session = nextSession
                nextSession += 1
                let user = Int.random(in: 1...8, using: &random)
                // A fifth of the sessions start late in the evening, so they run past midnight.
                let startMinute = Bool.random(using: &random) && Int.random(in: 0..<5, using: &random) == 0
                    ? Int.random(in: 1380..<1435, using: &random) : Int.random(in: 0..<1380, using: &random)
                var at = Self.firstDay.addingTimeInterval(Double(day * 86_400 + startMinute * 60 + Int.random(in: 0..<60, using: &random)))
                for index in 0..<Int.random(in: 1...6, using: &random) {
                    if index > 0 {
                        // Mostly a few minutes apart; sometimes a pause long enough to close the session.
                        let pause = Int.random(in: 0..<8, using: &random) == 0 ? Int.random(in: 35...90, using: &random) : Int.random(in: 1...20, using: &random)
                        at = at.addingTimeInterval(Double(pause * 60 + Int.random(in: 0..<60, using: &random)))
                    }
                    let eventDay = Int(at.timeIntervalSince(Self.firstDay) / 86_400)
                    guard eventDay < days else { break }
                    // Events after 04:00 may arrive a day late: at most 20 hours after they happened.
                    let hour = Int(at.timeIntervalSince(Self.firstDay).truncatingRemainder(dividingBy: 86_400) / 3600)
                    let late = hour >= 4 && Int.random(in: 0..<7, using: &random) == 0
                    let event = Event(
                        id: nextEvent, session: session, user: user, at: at, amount: Int.random(in: 0...50, using: &random),
                        arrivalDay: eventDay + (late ? 1 : 0))
                    nextEvent += 1
                    events.append(event)
                    if Int.random(in: 0..<20, using: &random) == 0 { events.append(event) }  // delivered twice
                }
            }
        }
    }

    /// The table the stream is loaded into, with the warehouse's type for `event_at`.
    static func createTable(_ table: String, timestampType: String) -> String {
        "create table \(table) (event_id integer, session_id integer, user_id integer, event_at \(timestampType), amount integer, loaded_day integer)"
    }

    /// The statements that append one day's load to `raw_events`.
    func load(day: Int, into table: String) -> [String] {
        let rows = events.filter { $0.arrivalDay == day }.map { event in
            "(\(event.id), \(event.session), \(event.user), '\(EventTime.pythonString(event.at).dropLast(6))', \(event.amount), \(day))"
        }
        return stride(from: 0, to: rows.count, by: 200).map { start in
            "insert into \(table) (event_id, session_id, user_id, event_at, amount, loaded_day) values "
                + rows[start..<min(start + 200, rows.count)].joined(separator: ", ")
        }
    }
}

/// The incremental strategies, run day by day over a random event stream, end exactly where a
/// full refresh of the same data does.
@Suite struct IncrementalPropertyTests {
    static let models = [
        "daily_metrics", "sessions", "sessions_keyed", "user_totals_delete_insert", "user_totals_merge", "events_appended", "daily_overwrite",
    ]

    /// One warehouse under test: the project, a connection and the schema the models build in.
    struct Warehouse {
        var project: RunProject
        var connection: any WarehouseConnection
        var schema: String
        var timestampType: String
    }

    static func sqlite() throws -> Warehouse {
        let project = try RunProject("events")
        return Warehouse(project: project, connection: try project.sqlite("events.db"), schema: "main", timestampType: "text")
    }

    static func postgres() throws -> Warehouse {
        let (project, server, database) = try PostgresRunTests.project("events")
        let connection = try PostgresRunTests.connect(server, database: database)
        _ = try connection.execute("create schema events")
        return Warehouse(project: project, connection: connection, schema: "events", timestampType: "timestamp")
    }

    /// Loads the stream a day at a time, running the models after each load as of the end of that
    /// day, then checks every model against a full refresh: the same rows, each as many times.
    static func incrementalRunsEqualAFullRefresh(_ warehouse: Warehouse, seed: UInt64, days: Int, vars: ConfigMap = ConfigMap())
        throws
    {
        let stream = EventStream(seed: seed, days: days)
        let schema = warehouse.schema
        _ = try warehouse.connection.execute(EventStream.createTable("\(schema).raw_events", timestampType: warehouse.timestampType))
        // Loads run one day past the last event day, for the late arrivals.
        for day in 0...days {
            for statement in stream.load(day: day, into: "\(schema).raw_events") { _ = try warehouse.connection.execute(statement) }
            let (outcome, _) = try warehouse.project.run(.run, vars: vars) { request in
                request.eventTimeEnd = EventStream.firstDay.addingTimeInterval(Double((day + 1) * 86_400))
            }
            #expect(outcome.exitStatus == 0, "seed \(seed), day \(day): \(outcome.results.compactMap(\.message))")
        }
        for model in models {
            _ = try warehouse.connection.execute("create table \(schema).incremental_\(model) as select * from \(schema).\(model)")
        }
        let (outcome, _) = try warehouse.project.run(.run, vars: vars, fullRefresh: true) { request in
            request.eventTimeEnd = EventStream.firstDay.addingTimeInterval(Double((days + 1) * 86_400))
        }
        #expect(outcome.exitStatus == 0)
        for model in models {
            let incremental = "\(schema).incremental_\(model)", full = "\(schema).\(model)"
            let missing = try rows(warehouse.connection, "select count(*) from (select * from \(full) except select * from \(incremental)) as x")
            let extra = try rows(warehouse.connection, "select count(*) from (select * from \(incremental) except select * from \(full)) as x")
            let counts = try rows(warehouse.connection, "select (select count(*) from \(incremental)), (select count(*) from \(full))")
            #expect(missing == [["0"]] && extra == [["0"]], "seed \(seed): \(model) differs from a full refresh")
            #expect(counts.first?.first == counts.first?.last, "seed \(seed): \(model) has \(counts) rows")
            #expect(counts.first?.last != "0", "\(model) is empty, so the comparison proves nothing")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func onSQLite(seed: UInt64) throws {
        try Self.incrementalRunsEqualAFullRefresh(try Self.sqlite(), seed: seed, days: 6)
    }

    @Test(arguments: [11, 12] as [UInt64])
    func onPostgres(seed: UInt64) throws {
        try Self.incrementalRunsEqualAFullRefresh(try Self.postgres(), seed: seed, days: 6)
    }

    @Test func concurrentBatchesEndAsSequentialOnesDo() throws {
        try Self.incrementalRunsEqualAFullRefresh(
            try Self.postgres(), seed: 21, days: 4, vars: ConfigMap([("concurrent", .bool(true))]))
    }
}

/// Microbatch and open_sessions behaviour beyond equality: failed batches, retried batches,
/// the filters dbt writes, and the horizon warning.
@Suite struct IncrementalBehaviourTests {
    static func day(_ index: Int) -> Date { EventStream.firstDay.addingTimeInterval(Double(index * 86_400)) }

    /// The events project on SQLite with three days of events loaded.
    static func loaded(days: Int = 3) throws -> (RunProject, any WarehouseConnection) {
        let project = try RunProject("events")
        let connection = try project.sqlite("events.db")
        _ = try connection.execute(EventStream.createTable("main.raw_events", timestampType: "text"))
        let stream = EventStream(seed: 7, days: days)
        for day in 0...days {
            for statement in stream.load(day: day, into: "main.raw_events") { _ = try connection.execute(statement) }
        }
        return (project, connection)
    }

    @Test func aFailedBatchIsAPartialSuccessAndRetryingItCompletesTheModel() throws {
        let (project, connection) = try Self.loaded()
        let (outcome, byID) = try project.run(.run, select: ["stg_events", "daily_metrics"], vars: ConfigMap([("fail_batch", "20240302")])) {
            $0.eventTimeEnd = Self.day(3)
        }
        let result = try #require(byID["model.events.daily_metrics"])
        #expect(result.status == .partialSuccess, "\(result.message ?? "")")
        #expect(outcome.exitStatus == 1)
        let failed = BatchWindow(start: Self.day(1), end: Self.day(2))
        #expect(result.batchResults == BatchResults(
            successful: [BatchWindow(start: Self.day(0), end: Self.day(1)), BatchWindow(start: Self.day(2), end: Self.day(3))],
            failed: [failed]))
        #expect(result.message?.contains("1 of 3 batches failed (the first at 2024-03-02 00:00:00+00:00") == true)
        // The batches that succeeded are in the target; the failed one left nothing behind.
        #expect(try rows(connection, "select substr(event_day, 1, 10) from daily_metrics order by 1") == [["2024-03-01"], ["2024-03-03"]])
        #expect(try rows(connection, "select count(*) from sqlite_temp_master") == [["0"]])
        let runResults = try project.file("target/run_results.json")
        let (valid, report) = try validateArtifact(runResults, schema: "run-results-v6.json")
        #expect(valid, "\(report)")
        let text = String(decoding: runResults, as: UTF8.self)
        #expect(text.contains(#""failed": [["2024-03-02T00:00:00+00:00", "2024-03-03T00:00:00+00:00"]]"#) || text.contains(#""failed":[["2024-03-02T00:00:00+00:00","2024-03-03T00:00:00+00:00"]]"#))

        // `weir retry` reruns just the failed batch, which completes the model.
        let previous = try Workspace(project.workspace().configuration).previousRun()
        #expect(previous.request.batchesToRetry == ["model.events.daily_metrics": [failed]])
        #expect(previous.request.eventTimeEnd == Self.day(3))
        // `--vars '{}'` replaces the recorded `fail_batch`.
        let (retried, retriedByID) = try project.retry(vars: ConfigMap())
        #expect(retried.exitStatus == 0)
        #expect(Set(retriedByID.keys) == ["model.events.daily_metrics"], "stg_events succeeded and is not run again")
        #expect(retriedByID["model.events.daily_metrics"]?.batchResults == BatchResults(successful: [failed]))
        let executed = retriedByID["model.events.daily_metrics"]?.executedSQL.joined(separator: "\n") ?? ""
        #expect(executed.contains("where event_day >= '2024-03-02' and event_day < '2024-03-03'"))
        #expect(!executed.contains("'2024-03-01'"), "only the failed batch runs again")
        #expect(try rows(connection, "select substr(event_day, 1, 10) from daily_metrics order by 1") == [
            ["2024-03-01"], ["2024-03-02"], ["2024-03-03"],
        ])
        let retriedRows = try rows(connection, "select * from daily_metrics order by event_day")
        try project.run(.run, select: ["daily_metrics"], fullRefresh: true) { $0.eventTimeEnd = Self.day(3) }
        #expect(try rows(connection, "select * from daily_metrics order by event_day") == retriedRows)
    }

    @Test func upstreamModelsWithAnEventTimeAreFilteredToTheBatchAsDbtWritesIt() throws {
        let (project, _) = try Self.loaded(days: 1)
        let (_, byID) = try project.run(.run, select: ["stg_events", "daily_metrics"]) { $0.eventTimeEnd = Self.day(1) }
        let executed = byID["model.events.daily_metrics"]?.executedSQL.joined(separator: "\n") ?? ""
        #expect(executed.contains(
            #"from (select * from "main"."stg_events" where event_at >= '2024-03-01' and event_at < '2024-03-02') _dbt_et_filter_subq_stg_events"#))
        // The model's compiled code (target/compiled, the manifest) is the unfiltered query.
        let compiled = String(decoding: try project.file("target/compiled/events/models/daily_metrics.sql"), as: UTF8.self)
        #expect(compiled.contains(#"from "main"."stg_events""#) && !compiled.contains("_dbt_et_filter_subq"))
    }

    @Test func openEntitiesPastTheHorizonAreReportedNotRebuilt() throws {
        let (project, _) = try Self.loaded(days: 3)
        // Every session counts as open; those whose last event is over a day before the watermark
        // are past the horizon.
        let vars = ConfigMap([("open_if", "n_events > 0"), ("horizon", "1 day")])
        try project.run(.run, select: ["stg_events", "sessions"], vars: vars) { $0.eventTimeEnd = Self.day(4) }
        let (outcome, _) = try project.run(.run, select: ["sessions"], vars: vars) { $0.eventTimeEnd = Self.day(4) }
        #expect(outcome.exitStatus == 0)
        let warning = try #require(outcome.warnings.first { $0.code == "W1306" })
        #expect(warning.message.hasPrefix("model 'sessions': "))
        #expect(warning.message.contains("still open (open_if) but older than the horizon of 1 day"))
    }

    @Test func theWindowStartsALookbackBeforeTheWatermark() throws {
        let (project, connection) = try Self.loaded(days: 2)
        try project.run(.run, select: ["stg_events", "sessions"]) { $0.eventTimeEnd = Self.day(3) }
        let watermark = try rows(connection, "select max(last_event_at) from sessions")[0][0]
        let (_, byID) = try project.run(.run, select: ["sessions"]) { $0.eventTimeEnd = Self.day(3) }
        let executed = byID["model.events.sessions"]?.executedSQL.joined(separator: "\n") ?? ""
        let start = SQLDialect.sqlite.eventTimeLiteral(EventTime.parse(watermark)!.addingTimeInterval(-86_400))
        #expect(executed.contains("where event_at >= '\(start)' and event_at < '2024-03-04'"))
        #expect(executed.contains("union\n    select session_id from \"main\".\"sessions\" where (is_open = 1) and last_event_at >= '"))
    }

    @Test func keysToRebuildAreGatheredAndAnalyzedBeforeTheModelsQuery() throws {
        let (project, connection) = try Self.loaded(days: 2)
        try project.run(.run, select: ["stg_events", "sessions_keyed"]) { $0.eventTimeEnd = Self.day(3) }
        let watermark = try rows(connection, "select max(last_event_at) from sessions_keyed")[0][0]
        let (outcome, byID) = try project.run(.run, select: ["sessions_keyed"]) { $0.eventTimeEnd = Self.day(3) }
        #expect(outcome.exitStatus == 0)
        let executed = byID["model.events.sessions_keyed"]?.executedSQL ?? []
        let start = SQLDialect.sqlite.eventTimeLiteral(EventTime.parse(watermark)!.addingTimeInterval(-86_400))
        let keys = """
            select session_id from "main"."stg_events" where event_at >= '\(start)' and event_at < '2024-03-04'
            union
            select session_id from "main"."sessions_keyed" where (is_open = 1) and last_event_at >= '
            """
        let made = executed.firstIndex { $0.hasPrefix("create temp table \"sessions_keyed__weir_keys\"") && $0.contains(keys) }
        let analyzed = executed.firstIndex(of: "analyze \"sessions_keyed__weir_keys\"")
        let query = executed.firstIndex { $0.contains("where e.session_id in (select session_id from \"sessions_keyed__weir_keys\")") }
        #expect(made != nil && analyzed != nil && query != nil, "\(executed)")
        if let made, let analyzed, let query { #expect(made < analyzed && analyzed < query) }
    }
}
