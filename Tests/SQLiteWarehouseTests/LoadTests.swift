import SQLDialect
import SQLiteWarehouse
import Testing
import Warehouse

/// `load`: seeds go in as bound values, so no value can break the SQL.
@Suite struct LoadTests {
    let sandbox: Sandbox
    let connection: any WarehouseConnection
    let seed = RelationName(database: nil, schema: "main", identifier: "seed \"quoted\"")

    init() throws {
        sandbox = try Sandbox()
        connection = try sandbox.connect()
        _ = try connection.execute(
            #"create table "seed ""quoted""" (id integer, "label, text" text, amount real, flag int, loose)"#)
    }

    var columns: [String] { ["id", "label, text", "amount", "flag", "loose"] }

    @Test func trickyValuesRoundTrip() throws {
        let labels = [
            "it's", "say \"hi\"", "a,b,c", "line one\nline two", "crlf\r\n", "", "  padded  ",
            "naïve ✓ 🦆 e\u{301}",
            "'); drop table x; --", "007", "NULL", "\\backslash\\", "nul\u{0}byte",
        ]
        var rows: [[WarehouseValue]] = labels.enumerated().map { index, label in
            [
                .integer(Int64(index)), .text(label), .real(Double(index) / 4), .boolean(index % 2 == 0),
                .text(label),
            ]
        }
        rows.append([.integer(99), .null, .null, .null, .null])
        rows.append([.integer(100), .text(""), .real(-0.5), .boolean(false), .integer(Int64.max)])

        #expect(try connection.load(into: seed, columns: columns, rows: rows) == rows.count)

        let loaded = try connection.rows(#"select * from "seed ""quoted""" order by id"#)
        // Booleans are stored as 1/0, as Python's sqlite3 binds them.
        let expected = rows.map { row in
            row.map { value -> WarehouseValue in
                if case .boolean(let flag) = value { return .integer(flag ? 1 : 0) }
                return value
            }
        }
        #expect(loaded == expected)
        // NULL and the empty string stay apart.
        #expect(
            try connection.rows(#"select count(*) from "seed ""quoted""" where "label, text" is null"#) == [
                [.integer(1)]
            ])
        #expect(
            try connection.rows(#"select count(*) from "seed ""quoted""" where "label, text" = ''"#) == [
                [.integer(2)]
            ])
    }

    @Test func tenThousandRows() throws {
        let rows: [[WarehouseValue]] = (1...10_000).map { index in
            [.integer(Int64(index)), .text("row \(index), \"quoted\"\n"), .real(0.5), .boolean(true), .null]
        }
        #expect(try connection.load(into: seed, columns: columns, rows: rows) == 10_000)
        #expect(
            try connection.rows(
                #"select count(*), sum(id), sum(amount), max("label, text") from "seed ""quoted""""#)
                == [[.integer(10_000), .integer(50_005_000), .real(5_000), .text("row 9999, \"quoted\"\n")]])
    }

    @Test func insideTheCallersTransactionARollbackUndoesTheLoad() throws {
        _ = try connection.execute("begin immediate")
        _ = try connection.load(into: seed, columns: ["id"], rows: [[.integer(1)], [.integer(2)]])
        #expect(try connection.rows(#"select count(*) from "seed ""quoted""""#) == [[.integer(2)]])
        _ = try connection.execute("rollback")
        #expect(try connection.rows(#"select count(*) from "seed ""quoted""""#) == [[.integer(0)]])
    }

    @Test func aFailingLoadLeavesNothingBehind() throws {
        let rows: [[WarehouseValue]] = [[.integer(1)], [.integer(2)], [.integer(3), .integer(4)]]
        let error = #expect(throws: WarehouseError.self) {
            try connection.load(into: seed, columns: ["id"], rows: rows)
        }
        #expect(error?.message.contains("row 3 has 2 values for 1 columns") == true)
        #expect(try connection.rows(#"select count(*) from "seed ""quoted""""#) == [[.integer(0)]])
        // Its own transaction is over: the connection is back in autocommit.
        _ = try connection.execute("begin immediate; rollback")
    }

    @Test func rowsThatFailToBeProducedLeaveNothingBehind() throws {
        struct Failure: Error {}
        struct FailingRows: LoadRows {
            var count: Int { 1_001 }
            func forEachRow(_ body: ([WarehouseValue]) throws -> Void) throws {
                for index in 0..<1_000 { try body([.integer(Int64(index))]) }
                throw Failure()
            }
        }
        #expect(throws: Failure.self) { try connection.load(into: seed, columns: ["id"], rows: FailingRows()) }
        #expect(try connection.rows(#"select count(*) from "seed ""quoted""""#) == [[.integer(0)]])
        _ = try connection.execute("begin immediate; rollback")
    }

    @Test func loadsIntoAnAttachedSchemaAndReportsAMissingTable() throws {
        try connection.createSchema("raw")
        _ = try connection.execute("create table raw.people (name text)")
        let people = RelationName(database: "ignored", schema: "raw", identifier: "people")
        #expect(try connection.load(into: people, columns: ["name"], rows: [[.text("Ada")]]) == 1)
        #expect(try connection.load(into: people, columns: ["name"], rows: []) == 0)
        #expect(try connection.rows("select name from raw.people") == [[.text("Ada")]])

        let missing = RelationName(database: nil, schema: "raw", identifier: "nobody")
        let error = #expect(throws: WarehouseError.self) {
            try connection.load(into: missing, columns: ["name"], rows: [[.text("secret")]])
        }
        #expect(error?.kind == .query)
        #expect(error?.message == "no such table: raw.nobody")
        #expect(error?.description.contains("secret") == false)
    }
}
