import Foundation
import SQLDialect
import SQLiteWarehouse
import Testing
import Warehouse

/// Connections used from the threads of a run: cancellation and concurrent writers.
@Suite struct ConcurrencyTests {
    @Test func cancelInterruptsALongQueryFromAnotherThread() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.connect()
        defer { connection.close() }
        let sql = """
            with recursive counter(n) as (select 1 union all select n + 1 from counter where n < 1000000000)
            select count(*) from counter
            """
        let query = Background { try connection.execute(sql) }
        Thread.sleep(forTimeInterval: 0.2)
        // `cancel()` only interrupts a statement that is running, so keep asking until it stops.
        while !query.isFinished {
            connection.cancel()
            Thread.sleep(forTimeInterval: 0.05)
        }
        let error = #expect(throws: WarehouseError.self) { try query.wait() }
        #expect(error?.kind == .cancelled)
        #expect(error?.statement == sql)

        // Cancelling an idle connection does nothing, and the connection stays usable.
        connection.cancel()
        #expect(try connection.rows("select 1") == [[.integer(1)]])
    }

    @Test func cancelStopsALoadBetweenRows() throws {
        let sandbox = try Sandbox()
        let connection = try sandbox.connect()
        defer { connection.close() }
        _ = try connection.execute("create table t (x integer)")
        let rows = Array(repeating: [WarehouseValue.integer(1)], count: 2_000_000)
        let load = Background {
            try connection.load(
                into: RelationName(database: nil, schema: "main", identifier: "t"), columns: ["x"], rows: rows
            )
        }
        Thread.sleep(forTimeInterval: 0.2)
        while !load.isFinished {
            connection.cancel()
            Thread.sleep(forTimeInterval: 0.05)
        }
        let error = #expect(throws: WarehouseError.self) { try load.wait() }
        #expect(error?.kind == .cancelled)
        #expect(try connection.rows("select count(*) from t") == [[.integer(0)]])
    }

    /// Two threads writing the same files: `begin immediate` takes the write lock up front and the
    /// busy timeout makes the other wait for it instead of failing with "database is locked".
    @Test func twoConnectionsWritingConcurrentlyBothSucceed() throws {
        let sandbox = try Sandbox()
        let setup = try sandbox.connect()
        try setup.createSchema("analytics")
        _ = try setup.execute("create table analytics.events (writer integer, n integer)")
        setup.close()

        let events = RelationName(database: nil, schema: "analytics", identifier: "events")
        let writers = (1...2).map { writer in
            Background { () -> Int in
                let connection = try sandbox.connect()
                defer { connection.close() }
                for batch in 0..<25 {
                    _ = try connection.execute("begin immediate")
                    _ = try connection.execute(
                        "insert into analytics.events values (\(writer), \(batch * 100))")
                    let rows = (1..<100).map {
                        [WarehouseValue.integer(Int64(writer)), .integer(Int64(batch * 100 + $0))]
                    }
                    _ = try connection.load(into: events, columns: ["writer", "n"], rows: rows)
                    _ = try connection.execute("commit")
                }
                return 2_500
            }
        }
        #expect(try writers.map { try $0.wait() } == [2_500, 2_500])

        let check = try sandbox.connect()
        defer { check.close() }
        #expect(
            try check.rows(
                "select writer, count(*), count(distinct n) from analytics.events group by writer order by writer"
            )
                == [
                    [.integer(1), .integer(2_500), .integer(2_500)],
                    [.integer(2), .integer(2_500), .integer(2_500)],
                ])
    }

    /// A statement that reads one schema and writes another (a test storing its failures) while
    /// another connection's transaction holds both: left in autocommit, the statement would hold
    /// its read lock on `main` while waiting for the write lock on `audit`, and the transaction's
    /// commit would wait for that read lock: both stuck until the busy timeout. Run inside its own
    /// `begin immediate`, the statement waits holding nothing.
    @Test func aCrossSchemaWriteOutsideATransactionDoesNotDeadlockACommit() throws {
        let sandbox = try Sandbox()
        let warehouse = SQLiteWarehouse(
            configuration: SQLiteConfiguration(
                schemasAndPaths: ["main": sandbox.path("main.db")], schemaDirectory: sandbox.path("schemas"),
                busyTimeout: 5))
        let model = try warehouse.connect()
        defer { model.close() }
        try model.createSchema("audit")
        _ = try model.execute("create table orders (id integer); insert into orders values (1), (2)")

        _ = try model.execute("begin immediate")
        _ = try model.execute("create table customers as select id from orders")
        let test = Background { () -> Int in
            let connection = try warehouse.connect()
            defer { connection.close() }
            _ = try connection.execute("create table audit.failures as select id from main.orders where id > 1")
            return try connection.execute("select count(*) from audit.failures").rows.first?.first?.text.flatMap { Int($0) } ?? -1
        }
        Thread.sleep(forTimeInterval: 0.5)  // the test's statement is waiting for the audit schema now
        let started = Date()
        _ = try model.execute("commit")
        #expect(Date().timeIntervalSince(started) < 4, "the commit waited for the busy timeout")
        #expect(try test.wait() == 1)
    }
}
