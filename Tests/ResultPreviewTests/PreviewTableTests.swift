import Artifacts
import Foundation
import ResultPreview
import Testing

/// Result sets typed and printed as dbt types and prints them: each case of
/// `RunTests/Show/expected/tables.json` (written by `Scripts/generate_show_fixtures.py` with dbt's
/// own `table_from_data_flat`, agate's `print_table`/`to_json` and dbt's `ShowNode` message) gives
/// the values a driver handed dbt and what dbt printed, as a table and as JSON.
@Suite struct PreviewTableTests {
    static let expectedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../RunTests/Show/expected/tables.json")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var columns: [String]
        var rows: [[PreviewValue]]
        var types: [String]
        var text: String
        var json: String
        var testDescription: String { name }
    }

    static func cases() throws -> [Case] {
        let document = try JSONValue(parsing: Array(try Data(contentsOf: expectedFile)))
        return (document["cases"]?.arrayValue ?? []).map { item in
            Case(
                name: item["name"]?.stringValue ?? "",
                columns: (item["columns"]?.arrayValue ?? []).compactMap(\.stringValue),
                rows: (item["rows"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).map(value) },
                types: (item["types"]?.arrayValue ?? []).compactMap(\.stringValue),
                text: item["text"]?.stringValue ?? "", json: item["json"]?.stringValue ?? "")
        }
    }

    /// The Python value a case's JSON stands for.
    static func value(_ json: JSONValue) -> PreviewValue {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .int(let number): return .integer(Int64(number))
        case .double(let number): return .real(number)
        case .string(let text): return .text(text)
        default:
            if let date = json["date"]?.stringValue { return .date(date) }
            // isoformat() as str() writes it: a space between date and time.
            if let time = json["datetime"]?.stringValue { return .dateTime(time.replacingOccurrences(of: "T", with: " ")) }
            return .null
        }
    }

    @Test(arguments: try cases())
    func printsAsDbtShowPrints(_ test: Case) {
        let table = PreviewTable(columnNames: test.columns, rows: test.rows)
        #expect(table.columnTypes.map(\.rawValue) == test.types)
        #expect(table.showMessage(node: "preview", json: false) == test.text)
        #expect(table.showMessage(node: "preview", json: true) == test.json)
    }

    @Test func theCorpusIsThere() throws {
        #expect(try Self.cases().count >= 20)
    }

    /// agate names columns the way dbt's rows are keyed: a repeated name keeps the last value.
    @Test func repeatedAndEmptyColumnNames() {
        let table = PreviewTable(columnNames: ["a", "a", "b", ""], rows: [[.integer(1), .integer(2), .text("x"), .null]])
        #expect(table.columnNames == ["a", "a_2", "b", "d"])
        #expect(table.text() == "| a | a_2 | b | d |\n| - | --- | - | - |\n| 2 |   2 | x |   |\n")
    }

    /// PostgreSQL's text for dates and timestamps, as psycopg2's Python values print.
    @Test(arguments: [
        ("2024-02-03 00:00:00.25", "2024-02-03 00:00:00.250000"),
        ("2024-01-02 03:04:05", "2024-01-02 03:04:05"),
        ("2024-01-02 03:04:05+00", "2024-01-02 03:04:05+00:00"),
        ("2024-01-02 03:04:05.5+05:30", "2024-01-02 03:04:05.500000+05:30"),
    ])
    func postgresTimestamps(_ text: String, _ python: String) {
        #expect(PreviewValue.dateTime(postgres: text) == .dateTime(python))
    }

    @Test(arguments: ["infinity", "2024-01-02 03:04:05 BC", "12024-01-02 03:04:05", "2024-01-02"])
    func timestampsPsycopgCannotHandOver(_ text: String) {
        #expect(PreviewValue.dateTime(postgres: text) == nil)
    }

    @Test func postgresDates() {
        #expect(PreviewValue.date(postgres: "2024-01-02") == .date("2024-01-02"))
        #expect(PreviewValue.date(postgres: "infinity") == nil)
        #expect(PreviewValue.date(postgres: "0044-03-15 BC") == nil)
    }
}
