import Diagnostics
import SQLDialect
import Testing
import Warehouse

@testable import Seeds

/// The public API beyond what the dbt fixtures cover: SQL type names per dialect, where
/// diagnostics point, `column_types` and `delimiter` handling.
@Suite struct SeedTableTests {
    func read(_ text: String, delimiter: Character = ",", columnTypes: [String: String] = [:])
        throws(Diagnostic)
        -> SeedTable
    {
        try SeedTable.read(
            SourceFile(name: "seeds/s.csv", text: text), delimiter: delimiter, columnTypes: columnTypes)
    }

    func error(_ text: String, delimiter: Character = ",") -> Diagnostic? {
        do {
            _ = try read(text, delimiter: delimiter)
            return nil
        } catch {
            return error
        }
    }

    struct TypeRow: Sendable {
        var type: SeedType
        var postgres: String
        var redshift: String
        var sqlite: String
    }

    /// One inferred type per row, its declared type per adapter (dbt-postgres 1.11,
    /// dbt-redshift's overrides, dbt-sqlite 1.10).
    static let typeTable: [TypeRow] = [
        TypeRow(type: .untested, postgres: "integer", redshift: "integer", sqlite: "integer"),
        TypeRow(type: .integer, postgres: "integer", redshift: "integer", sqlite: "INT"),
        TypeRow(type: .number, postgres: "float8", redshift: "float8", sqlite: "REAL"),
        TypeRow(type: .boolean, postgres: "boolean", redshift: "boolean", sqlite: "INT"),
        TypeRow(type: .date, postgres: "date", redshift: "date", sqlite: "TEXT"),
        TypeRow(
            type: .datetime, postgres: "timestamp without time zone", redshift: "timestamp without time zone",
            sqlite: "TEXT"),
        TypeRow(type: .text, postgres: "text", redshift: "varchar(7)", sqlite: "TEXT"),
    ]

    @Test(arguments: typeTable)
    func sqlTypeNames(_ row: TypeRow) {
        let column = SeedColumn(
            name: "c", inferredType: row.type, longestValueByteCount: row.type == .text ? 7 : nil)
        #expect(SeedTable.sqlType(for: column, dialect: .postgres) == row.postgres)
        #expect(SeedTable.sqlType(for: column, dialect: .redshift) == row.redshift)
        #expect(SeedTable.sqlType(for: column, dialect: .sqlite) == row.sqlite)
    }

    @Test func redshiftSizesAnAllNullTextColumnAt64() {
        let column = SeedColumn(name: "c", inferredType: .text)
        #expect(SeedTable.sqlType(for: column, dialect: .redshift) == "varchar(64)")
    }

    @Test func redshiftCountsBytesNotCharacters() throws {
        let table = try read("name\nhéllo\n日本\n")
        #expect(SeedTable.sqlType(for: table.columns[0], dialect: .redshift) == "varchar(6)")
    }

    @Test func columnTypesForceTextAndDeclareTheGivenType() throws {
        let table = try read("zip,n\n007,1\nnull,2\n 08 ,3\n", columnTypes: ["zip": "varchar(5)"])
        #expect(table.columns[0].inferredType == .text)
        #expect(table.columns[0].sqlTypeOverride == "varchar(5)")
        #expect(SeedTable.sqlType(for: table.columns[0], dialect: .sqlite) == "varchar(5)")
        // Forced text keeps leading zeros and spaces, and still reads "null" as NULL (dbt's
        // from_csv keeps the default null values for text_columns).
        #expect(try table.rows.all().map { $0[0] } == [.text("007"), .null, .text(" 08 ")])
        #expect(try table.rows.all().map { $0[1] } == [.integer(1), .integer(2), .integer(3)])
        #expect(table.warnings.isEmpty)
    }

    @Test func columnTypesMatchNamesExactly() throws {
        let table = try read("Zip\n1\n", columnTypes: ["zip": "text"])
        #expect(table.columns[0].sqlTypeOverride == nil)
        #expect(table.warnings.map(\.code) == ["W1208"])
    }

    @Test func tooManyFieldsPointsAtTheFirstExtraField() throws {
        let diagnostic = try #require(error("id,name\n1,a\n2,b,extra\n"))
        #expect(diagnostic.code == "W1202")
        #expect(diagnostic.location == Diagnostics.SourceLocation(line: 3, column: 5))
    }

    @Test func shortRowsAndBlankLinesLoadAsNULLsWithWarnings() throws {
        let table = try read("id,name\n1\n\n2\n3,c\n\n")
        #expect(
            try table.rows.all() == [
                [.integer(1), .null], [.null, .null], [.integer(2), .null], [.integer(3), .text("c")],
                [.null, .null],
            ])
        #expect(table.warnings.map(\.code) == ["W1203", "W1204"])
        #expect(table.warnings[0].location == Diagnostics.SourceLocation(line: 2, column: 2))
        #expect(table.warnings[0].notes.map(\.message) == ["1 more row like this"])
        #expect(table.warnings[1].location == Diagnostics.SourceLocation(line: 3, column: 1))
    }

    @Test func columnsNoRowReachesAreUntested() throws {
        let table = try read("id,name,extra\n1,a\n2,b\n")
        #expect(table.columns.map(\.inferredType) == [.integer, .text, .untested])
        #expect(try table.rows.all().map { $0[2] } == [.null, .null])
    }

    @Test func delimiterMustBeOneUsableCharacter() {
        for delimiter: Character in ["\"", "\n", "\r\n", "e\u{301}"] {
            #expect(error("a,b\n", delimiter: delimiter)?.code == "W1210", "\(String(reflecting: delimiter))")
        }
    }

    /// agate names unnamed columns by position first, so a later `x` collides with column 24's
    /// letter and becomes `x_2`.
    @Test func headerRenamingFollowsAgate() throws {
        let table = try read(",,,,,,,,,,,,,,,,,,,,,,,,,,,x,x\n")
        #expect(table.columns.count == 29)
        #expect(table.columns[23].name == "x")
        #expect(table.columns[26].name == "aa")
        #expect(table.columns[27].name == "x_2")
        #expect(table.columns[28].name == "x_3")
        #expect(table.warnings.count == 29)
    }

    @Test func readsALargeSeedQuickly() throws {
        var text = "id,amount,name,day,at,flag,iso,note,maybe,price\n"
        for index in 0..<100_000 {
            text += "\(index),\(index).25,name \(index),2024-01-\(index % 28 + 1),2024-01-02 03:04:05,"
            text += "\(index % 2 == 0 ? "true" : "false"),2024-01-02T03:04:05Z,\"a, \"\"quoted\"\" note\","
            text += "\(index % 3 == 0 ? "" : "x"),$\(index % 1000)\n"
        }
        let file = SourceFile(name: "big.csv", text: text)
        let clock = ContinuousClock()
        var table: SeedTable?
        var rows: [[WarehouseValue]] = []
        let elapsed = try clock.measure {
            table = try SeedTable.read(file)
            rows = try table?.rows.all() ?? []
        }
        let read = try #require(table)
        #expect(rows.count == 100_000)
        #expect(
            read.columns.map(\.inferredType)
                == [.integer, .number, .text, .date, .datetime, .boolean, .datetime, .text, .text, .integer])
        #expect(rows[99_999][1] == .real(99_999.25))
        #expect(rows[3][7] == .text("a, \"quoted\" note"))
        print("Seeds: read 100,000 rows x 10 columns in \(elapsed)")
        // Release builds take a fraction of a second; debug builds are several times slower.
        #expect(elapsed < .seconds(30))
    }

    /// A file of 20,000 rows or more is type-tested in two halves at once; the merged result must
    /// be what one pass in file order concludes, including which overflow (if any) stops dbt.
    @Test(arguments: [
        // Number ruled out in the first half: the overflow later is never tested, as in dbt.
        (firstHalf: "abc", secondHalf: "1e1000000", overflows: false),
        // Number still possible in the first half: the overflow in the second half stops the read.
        (firstHalf: "1.5", secondHalf: "1e1000000", overflows: true),
        // Decided by the second half only.
        (firstHalf: "2024-01-02", secondHalf: "2024-13-02", overflows: false),
        (firstHalf: "true", secondHalf: "maybe", overflows: false),
        (firstHalf: "12", secondHalf: "12.125", overflows: false),
    ])
    func halvesTestedAtOnceAgreeWithOnePass(firstHalf: String, secondHalf: String, overflows: Bool) throws {
        let rows = 30_000
        var text = "id,value,note\n"
        for index in 0..<rows {
            let value = index == 5 ? firstHalf : index == rows - 7 ? secondHalf : index % 2 == 0 ? "" : "7"
            text += "\(index),\(value),\(String(repeating: "x", count: index % 50))\n"
        }
        let file = SourceFile(name: "halves.csv", text: text)
        let records = try CSVReader(delimiter: ",").read(file)
        var reference = TypeTestPass(tester: SeedTypeTester(columnCount: 3, forced: []))
        reference.run(records, rows: 1..<records.count)
        do {
            let table = try SeedTable.read(file)
            #expect(!overflows && reference.overflow == nil)
            let expected = (0..<3).map { SeedCast(candidate: reference.tester.chosen($0), integerColumn: !reference.tester.precisions[$0].isFloat).seedType }
            #expect(table.columns.map(\.inferredType) == expected)
            #expect(table.columns[2].longestValueByteCount == 49)
        } catch {
            #expect(overflows && reference.overflow?.field == records.fields(ofRecord: rows - 6).lowerBound + 1)
            #expect(error.span.map { file.location(of: $0.start).line } == rows - 5)
        }
    }
}
