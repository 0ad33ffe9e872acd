import Foundation
import Testing
import Warehouse

/// Produces `failAfter` rows (about 1 MB of COPY data, so several chunks), then throws.
struct FailingRows: LoadRows {
    struct Failure: Error {}
    let failAfter: Int
    var count: Int { failAfter + 1 }

    func forEachRow(_ body: ([WarehouseValue]) throws -> Void) throws {
        for index in 0..<failAfter { try body([.integer(Int64(index)), .text("row number \(index)")]) }
        throw Failure()
    }
}

@Suite("load: COPY round trips")
struct LoadTests {
    /// Values CSV gets wrong when quoting is careless.
    static let trickyTexts: [String?] = [
        "plain", "", nil, "with,comma", #"with "quotes""#, #"""#, "line1\nline2", "crlf\r\nend", "\\.",
        "before\n\\.\nafter", "tab\tseparated", "unicode: é ü 日本語 🎉", "  spaces around  ", #"back\slash"#,
        "NULL", #"\N"#, ",", "\"\"", "trailing newline\n",
    ]

    @Test("tricky values come back exactly, NULL apart from the empty string")
    func trickyValues() throws {
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            _ = try db.execute(
                "create table \(sandbox.qualified("tricky")) (id integer, label text, flag boolean, amount double precision, big bigint)"
            )
            var rows: [[WarehouseValue]] = []
            for (index, text) in Self.trickyTexts.enumerated() {
                rows.append([
                    .integer(Int64(index)), text.map(WarehouseValue.text) ?? .null,
                    index % 3 == 0 ? .null : .boolean(index % 2 == 0),
                    index % 4 == 0 ? .null : .real(Double(index) / 7 - 1e-9),
                    .integer(Int64.min + Int64(index)),
                ])
            }
            let loaded = try db.load(
                into: sandbox.relation("tricky"), columns: ["id", "label", "flag", "amount", "big"],
                rows: rows)
            #expect(loaded == rows.count)
            let back = try db.rows(
                "select id, label, flag, amount, big from \(sandbox.qualified("tricky")) order by id")
            #expect(back == rows)
            #expect(
                try db.rows("select count(*) from \(sandbox.qualified("tricky")) where label is null") == [
                    [.integer(1)]
                ])
            #expect(
                try db.rows("select count(*) from \(sandbox.qualified("tricky")) where label = ''") == [
                    [.integer(1)]
                ])
        }
    }

    @Test("10,000 rows arrive in several chunks and round-trip exactly")
    func manyRows() throws {
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            _ = try db.execute(
                "create table \(sandbox.qualified("many")) (\"Row Id\" integer, label text, ratio float8)")
            let rows: [[WarehouseValue]] = (0..<10_000).map { index in
                let text = Self.trickyTexts[index % Self.trickyTexts.count].map { "\($0) #\(index)" }
                return [
                    .integer(Int64(index)), text.map(WarehouseValue.text) ?? .null, .real(Double(index) / 3),
                ]
            }
            let loaded = try db.load(
                into: sandbox.relation("many"), columns: ["Row Id", "label", "ratio"], rows: rows)
            #expect(loaded == 10_000)
            let back = try db.rows("select * from \(sandbox.qualified("many")) order by \"Row Id\"")
            #expect(back.count == 10_000)
            #expect(back == rows)
        }
    }

    @Test("a value the column rejects fails the load with the server's SQLSTATE; the connection recovers")
    func rejectedValue() throws {
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            _ = try db.execute("create table \(sandbox.qualified("t")) (id integer)")
            let error = try #require(throws: WarehouseError.self) {
                try db.load(
                    into: sandbox.relation("t"), columns: ["id"], rows: [[.integer(1)], [.text("abc")]])
            }
            #expect(error.kind == .query)
            #expect(error.sqlState == "22P02")
            #expect(error.statement?.hasPrefix("copy ") == true)
            #expect(try db.rows("select count(*) from \(sandbox.qualified("t"))") == [[.integer(0)]])
        }
    }

    @Test("loading into a missing table reports 42P01 before any data is sent")
    func missingTable() throws {
        try Sandbox.run { sandbox in
            let error = try #require(throws: WarehouseError.self) {
                try sandbox.connection.load(
                    into: sandbox.relation("nowhere"), columns: ["id"], rows: [[.integer(1)]])
            }
            #expect(error.sqlState == "42P01")
            #expect(try sandbox.connection.rows("select 1") == [[.integer(1)]])
        }
    }

    @Test("a row whose width differs from the column list fails the load; nothing is stored")
    func rowWidth() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute(
                "create table \(sandbox.qualified("t")) (a integer, b integer)")
            let error = try #require(throws: WarehouseError.self) {
                try sandbox.connection.load(
                    into: sandbox.relation("t"), columns: ["a", "b"],
                    rows: [[.integer(1), .integer(2)], [.integer(3)]])
            }
            #expect(error.kind == .query)
            #expect(error.message.contains("row 2 has 1 values for 2 columns"))
            #expect(try sandbox.connection.rows("select count(*) from \(sandbox.qualified("t"))") == [[.integer(0)]])
        }
    }

    @Test("rows that fail to be produced after several chunks went out abort the COPY; the connection recovers")
    func failingRowSource() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute("create table \(sandbox.qualified("t")) (a integer, b text)")
            let rows = FailingRows(failAfter: 50_000)
            #expect(throws: FailingRows.Failure.self) {
                try sandbox.connection.load(into: sandbox.relation("t"), columns: ["a", "b"], rows: rows)
            }
            #expect(try sandbox.connection.rows("select count(*) from \(sandbox.qualified("t"))") == [[.integer(0)]])
        }
    }

    @Test("zero rows load nothing and return 0")
    func noRows() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute("create table \(sandbox.qualified("t")) (a integer)")
            #expect(try sandbox.connection.load(into: sandbox.relation("t"), columns: ["a"], rows: []) == 0)
        }
    }
}
