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
        "daily_metrics", "sessions", "user_totals_delete_insert", "user_totals_merge", "events_appended", "daily_overwrite",
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
        _ = try warehouse.connection.execute(
            "create table \(schema).raw_events (event_id integer, session_id integer, user_id integer, event_at \(warehouse.timestampType), amount integer, loaded_day integer)"
        )
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
