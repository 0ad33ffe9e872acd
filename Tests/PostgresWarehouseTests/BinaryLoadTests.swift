import Testing
import Warehouse

@testable import PostgresWarehouse

/// Large loads go in PostgreSQL's binary COPY format; what they store must be exactly what the
/// CSV format stores (loads under `binaryLoadMinimumRows` rows still go as CSV, which is how
/// these tests get the CSV result to compare with).
@Suite("load: binary COPY stores what CSV stores")
struct BinaryLoadTests {
    static let columns = ["s", "i", "b", "f", "flag", "t", "v", "d", "ts"]
    static let definition = """
        (s smallint, i integer, b bigint, f double precision, flag boolean, t text, v varchar(40), \
        d date, ts timestamp without time zone)
        """

    static let dates = ["0001-01-01", "1999-12-31", "2000-01-01", "2000-02-29", "1900-03-01", "2024-12-31", "9999-12-31", "1970-01-01"]
    static let timestamps = [
        "2000-01-01 00:00:00", "1999-12-31 23:59:59.999999", "2024-02-29 12:34:56.5", "0001-01-01 00:00:00",
        "9999-12-31 23:59:59", "1969-07-20 20:17:40.123", "2024-06-30 23:59:59.000001",
    ]
    static let reals: [WarehouseValue] = [
        .real(0.1), .real(-0.0), .real(1e308), .real(.leastNonzeroMagnitude), .real(-123.456), .integer(9_007_199_254_740_993), .integer(-1),
    ]
    static let texts: [WarehouseValue] = LoadTests.trickyTexts.map { $0.map(WarehouseValue.text) ?? .null } + [
        .integer(42), .real(2.5), .boolean(true),
    ]

    /// 1,500 rows cycling through edge values of every type, with NULLs in every column.
    static func rows(count: Int = 1_500) -> [[WarehouseValue]] {
        (0..<count).map { index in
            let row: [WarehouseValue] = [
                .integer([Int64(Int16.min), Int64(Int16.max), 0, -7][index % 4]),
                .integer([Int64(Int32.min), Int64(Int32.max), Int64(index)][index % 3]),
                .integer([Int64.min, Int64.max, Int64(index) * 1_000_003][index % 3]),
                reals[index % reals.count],
                .boolean(index % 2 == 0),
                texts[index % texts.count],
                .text("row \(index)"),
                .text(dates[index % dates.count]),
                .text(timestamps[index % timestamps.count]),
            ]
            return row.enumerated().map { column, value in (index + column) % 11 == 0 ? .null : value }
        }
    }

    /// Loads `rows` into `binary` in one COPY and into `csv` in loads too small for binary,
    /// then checks the tables hold the same rows.
    static func expectSameAsCSV(_ rows: [[WarehouseValue]], in sandbox: Sandbox) throws {
        let db = sandbox.connection
        for table in ["binary", "csv"] { _ = try db.execute("create table \(sandbox.qualified(table)) \(definition)") }
        let postgres = try #require(db as? PostgresConnection)
        // The binary path is the one taken: every column type is one the encoder writes.
        #expect(CopyBinaryEncoder(oids: try postgres.columnTypes(of: sandbox.relation("binary"), columns: columns)) != nil)
        #expect(rows.count >= PostgresConnection.binaryLoadMinimumRows)
        #expect(try db.load(into: sandbox.relation("binary"), columns: columns, rows: rows) == rows.count)
        let chunk = PostgresConnection.binaryLoadMinimumRows - 1
        for start in stride(from: 0, to: rows.count, by: chunk) {
            _ = try db.load(into: sandbox.relation("csv"), columns: columns, rows: Array(rows[start..<min(start + chunk, rows.count)]))
        }
        for (left, right) in [("binary", "csv"), ("csv", "binary")] {
            let difference = try db.rows(
                "select count(*) from (select * from \(sandbox.qualified(left)) except all select * from \(sandbox.qualified(right))) d")
            #expect(difference == [[.integer(0)]], "rows in \(left) but not in \(right)")
        }
        #expect(try db.rows("select count(*) from \(sandbox.qualified("binary"))") == [[.integer(Int64(rows.count))]])
    }

    @Test("edge values of every binary type round-trip as CSV stores them")
    func sameAsCSV() throws {
        try Sandbox.run { sandbox in try Self.expectSameAsCSV(Self.rows(), in: sandbox) }
    }

    @Test("a value binary cannot carry makes the whole load go as CSV: outside a transaction and inside one")
    func fallback() throws {
        var rows = Self.rows()
        rows[1_200][7] = .text("2024-1-2")  // date_in reads it; the encoder refuses non-canonical dates
        rows[1_300][1] = .text("17")  // integer input reads text digits
        try Sandbox.run { sandbox in
            try Self.expectSameAsCSV(rows, in: sandbox)
            #expect(
                try sandbox.connection.rows("select d::text from \(sandbox.qualified("binary")) where v = 'row 1200'")
                    == [[.text("2024-01-02")]])
            // Inside a transaction the abandoned binary COPY is rolled back to a savepoint; the
            // transaction goes on and what it did before stays.
            let db = sandbox.connection
            _ = try db.execute("create table \(sandbox.qualified("again")) \(Self.definition)")
            _ = try db.execute("begin")
            _ = try db.execute("insert into \(sandbox.qualified("again")) (i) values (-1)")
            #expect(try db.load(into: sandbox.relation("again"), columns: Self.columns, rows: rows) == rows.count)
            _ = try db.execute("commit")
            #expect(try db.rows("select count(*) from \(sandbox.qualified("again"))") == [[.integer(Int64(rows.count + 1))]])
        }
    }

    @Test("a value the column rejects fails the binary-sized load with CSV's error; a transaction is aborted as CSV leaves it")
    func rejected() throws {
        var rows = Self.rows()
        rows[1_400][7] = .text("not a date")
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            _ = try db.execute("create table \(sandbox.qualified("t")) \(Self.definition)")
            let error = try #require(throws: WarehouseError.self) {
                try db.load(into: sandbox.relation("t"), columns: Self.columns, rows: rows)
            }
            #expect(error.sqlState == "22007")
            #expect(error.statement?.contains("format csv") == true)
            #expect(try db.rows("select count(*) from \(sandbox.qualified("t"))") == [[.integer(0)]])

            _ = try db.execute("begin")
            #expect(throws: WarehouseError.self) {
                try db.load(into: sandbox.relation("t"), columns: Self.columns, rows: rows)
            }
            #expect(throws: WarehouseError.self) { try db.execute("select 1") }  // aborted: 25P02
            _ = try db.execute("rollback")
            #expect(try db.rows("select 1") == [[.integer(1)]])
        }
    }
}
