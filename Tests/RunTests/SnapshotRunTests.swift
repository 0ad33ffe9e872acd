import Execution
import Foundation
import ProjectModel
import Testing
import Warehouse
import Workspace

/// What dbt-core 1.11 (dbt-postgres) left in the snapshot tables of the `snapshots` fixture
/// project after each day's `dbt build --vars '{day: N}'`, as `Scripts/generate_snapshot_fixtures.py`
/// recorded it in `Snapshots/expected/days.json`: every table's columns and rows (as text), and
/// each node's status and message.
struct DbtSnapshots {
    struct Table: Decodable, Equatable {
        var columns: [String]
        var rows: [[String?]]
    }

    struct Result: Decodable {
        var status: String
        var message: String?
    }

    struct Day: Decodable {
        var day: Int
        var exit_code: Int32
        var results: [String: Result]
        var tables: [String: Table]
    }

    static func days() throws -> [Day] {
        let file = RunProject.testsDirectory.appendingPathComponent("Snapshots/expected/days.json")
        return try JSONDecoder().decode([Day].self, from: Data(contentsOf: file))
    }

    /// A table's rows as text, sorted as the generator sorts them (nulls after values).
    static func table(_ name: String, schema: String, on connection: any WarehouseConnection) throws -> Table {
        let result = try connection.execute("select * from \"\(schema)\".\"\(name)\"")
        let rows = result.rows.map { $0.map(\.text) }.sorted { left, right in
            for (a, b) in zip(left, right) where a != b {
                switch (a, b) {
                case (nil, _): return false
                case (_, nil): return true
                case let (a?, b?): return a < b
                }
            }
            return false
        }
        return Table(columns: result.columns.map(\.name), rows: rows)
    }

    /// Builds the project day by day as the generator did, and after each day expects dbt's
    /// statuses (and on PostgreSQL its messages) and exactly dbt's rows in every snapshot table.
    static func expectDbtsHistory(
        _ project: RunProject, schema: String, messages: Bool, connect: () throws -> any WarehouseConnection
    ) throws {
        for day in try days() {
            let (outcome, byID) = try project.run(.build, vars: ConfigMap([("day", .int(day.day))]))
            #expect(outcome.exitStatus == day.exit_code, "day \(day.day)")
            #expect(Set(byID.keys) == Set(day.results.keys), "day \(day.day)")
            for (id, want) in day.results.sorted(by: { $0.key < $1.key }) {
                let got = try #require(byID[id], "day \(day.day): \(id)")
                #expect(got.status.rawValue == want.status, "day \(day.day): \(id): \(got.message ?? "")")
                // run_results.json's message: a success's is the warehouse's status line.
                if messages, id.hasPrefix("snapshot.") { #expect(got.responseMessage == want.message, "day \(day.day): \(id)") }
            }
            let connection = try connect()
            defer { connection.close() }
            for (name, want) in day.tables.sorted(by: { $0.key < $1.key }) {
                let got = try table(name, schema: name == "orders_timestamp" ? schema + "_history" : schema, on: connection)
                #expect(got.columns == want.columns, "day \(day.day): \(name)")
                #expect(got.rows == want.rows, "day \(day.day): \(name)\n\(got.rows)\n---\n\(want.rows)")
            }
        }
    }
}

@Suite struct SnapshotRunTests {
    /// Timestamp and check strategies, each way of treating deleted rows, a composite key,
    /// renamed meta columns, `dbt_valid_to_current`, a column the query gains, a YAML snapshot:
    /// four days of changes leave the rows dbt-postgres leaves (scd ids included: Weir's SQLite
    /// md5() hashes as PostgreSQL's does).
    @Test func fourDaysOfSnapshotsLeaveDbtsRows() throws {
        let project = try RunProject("snapshots")
        try DbtSnapshots.expectDbtsHistory(project, schema: "main", messages: false) { try project.sqlite("snapshots.db") }
    }

    /// Without the project's fixed times, a run stamps the changes it records with the time it
    /// runs (SQLite's `datetime()`): a changed row's old version closes when its new one opens.
    @Test func aRunStampsItsChangesWithTheTimeItRuns() throws {
        let project = try RunProject("snapshots")
        try project.run(.seed)
        for day in 1...2 {
            let (outcome, _) = try project.run(.snapshot, select: ["orders_check"], vars: ConfigMap([("day", .int(day)), ("fixed_time", .bool(false))]))
            #expect(outcome.exitStatus == 0)
        }
        let connection = try project.sqlite("snapshots.db")
        defer { connection.close() }
        let table = "main.orders_check"
        #expect(try rows(connection, "select count(*) from \(table) where dbt_valid_from is null or dbt_valid_from < '2025'") == [["0"]])
        #expect(try rows(connection, "select id from \(table) where dbt_valid_to is not null") == [["1"]])
        let handOver = "select a.id from \(table) as a join \(table) as b on a.id = b.id and a.dbt_valid_to = b.dbt_valid_from and b.dbt_valid_to is null"
        #expect(try rows(connection, handOver) == [["1"]])
    }

    /// A run only adds to a snapshot: `--full-refresh` does not rebuild it, and a second run of
    /// the same day finds nothing to record.
    @Test func aSnapshotIsNeverRebuilt() throws {
        let project = try RunProject("snapshots")
        try project.run(.seed)
        try project.run(.snapshot, select: ["orders_timestamp"], vars: ConfigMap([("day", .int(1))]))
        try project.run(.snapshot, select: ["orders_timestamp"], vars: ConfigMap([("day", .int(2))]))
        let (outcome, _) = try project.run(.snapshot, select: ["orders_timestamp"], vars: ConfigMap([("day", .int(2))]), fullRefresh: true)
        #expect(outcome.exitStatus == 0)
        let connection = try project.sqlite("snapshots.db")
        defer { connection.close() }
        #expect(try rows(connection, "select count(*) from main_history.orders_timestamp") == [["5"]])
    }

    /// A relation of the snapshot's name that is not a snapshot table stops the snapshot with a
    /// clear error, and is left as it was.
    @Test func aTableThatIsNotASnapshotIsLeftAlone() throws {
        let project = try RunProject("snapshots")
        let connection = try project.sqlite("snapshots.db")
        defer { connection.close() }
        _ = try connection.execute("create table main.orders_check (id integer, note text)")
        try project.run(.seed)
        let (outcome, byID) = try project.run(.snapshot, select: ["orders_check"])
        #expect(outcome.exitStatus == 1)
        let result = try #require(byID["snapshot.snapshot_fixtures.orders_check"])
        #expect(result.status == .error)
        #expect(result.message?.contains("W1310") == true, "\(result.message ?? "")")
        #expect(result.message?.contains("missing \"dbt_scd_id\", \"dbt_valid_from\", \"dbt_valid_to\"") == true, "\(result.message ?? "")")
        #expect(try rows(connection, "select count(*) from main.orders_check") == [["0"]])
    }
}

@Suite struct PostgresSnapshotRunTests {
    @Test func fourDaysOfSnapshotsLeaveDbtsRowsAndMessages() throws {
        let (project, server, database) = try PostgresRunTests.project("snapshots")
        try DbtSnapshots.expectDbtsHistory(project, schema: "snapshot_fixtures", messages: true) {
            try PostgresRunTests.connect(server, database: database)
        }
    }
}
