import Diagnostics
import Foundation
import SQLDialect
import Testing
import Warehouse

@testable import Seeds

/// Every fixture in `Fixtures/` against what dbt does with it, recorded by
/// `Scripts/generate_seed_fixtures.py` in `<name>.expected.json`: agate's inferred types, each
/// adapter's SQL type, the values, and what a real `dbt seed` with dbt-sqlite stored.
///
/// `<name>.diagnostics.txt` holds the rendered W12xx warnings of a fixture (none when absent),
/// or, for `err_*` fixtures, the rendered error. Set `WEIR_RECORD_SEED_SNAPSHOTS=1` to rewrite
/// those snapshots after checking the new output by eye.
@Suite struct FixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let names: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()

    static let goodNames = names.filter { !$0.hasPrefix("err_") }
    static let errorNames = names.filter { $0.hasPrefix("err_") }

    struct Fixture {
        var file: SourceFile
        var delimiter: Character
        var columnTypes: [String: String]
        var expected: [String: Any]
        var snapshotURL: URL

        init(_ name: String) throws {
            let csv = FixtureTests.directory.appendingPathComponent("\(name).csv")
            // Decoded by hand: Foundation's String(contentsOf:) would drop the byte-order mark.
            file = SourceFile(
                name: "seeds/\(name).csv", text: String(decoding: try Data(contentsOf: csv), as: UTF8.self))
            let expectedURL = FixtureTests.directory.appendingPathComponent("\(name).expected.json")
            expected = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
            let config = try #require(expected["config"] as? [String: Any])
            delimiter = Character(try #require(config["delimiter"] as? String))
            columnTypes = try #require(config["column_types"] as? [String: String])
            snapshotURL = FixtureTests.directory.appendingPathComponent("\(name).diagnostics.txt")
        }

        func read() throws(Diagnostic) -> SeedTable {
            try SeedTable.read(file, delimiter: delimiter, columnTypes: columnTypes)
        }

        /// Compares rendered diagnostics with the snapshot (or records it).
        func checkSnapshot(_ rendered: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
            throws
        {
            if ProcessInfo.processInfo.environment["WEIR_RECORD_SEED_SNAPSHOTS"] != nil {
                if rendered.isEmpty {
                    try? FileManager.default.removeItem(at: snapshotURL)
                } else {
                    try rendered.write(to: snapshotURL, atomically: true, encoding: .utf8)
                }
                return
            }
            let snapshot = (try? String(contentsOf: snapshotURL, encoding: .utf8)) ?? ""
            #expect(rendered == snapshot, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: goodNames)
    func matchesDBT(_ name: String) throws {
        let fixture = try Fixture(name)
        let table = try fixture.read()
        let columns = try #require(fixture.expected["columns"] as? [[String: Any]])
        try #require(table.columns.count == columns.count)
        for (column, expected) in zip(table.columns, columns) {
            #expect(column.name == expected["name"] as? String)
            #expect(
                column.inferredType.rawValue == expected["weir_type"] as? String,
                "\(column.name): agate type \(expected["agate_type"] ?? "?")")
            #expect(column.sqlTypeOverride == expected["sql_type_override"] as? String, "\(column.name)")
            let sqlTypes = try #require(expected["sql_types"] as? [String: String])
            for (adapter, sqlType) in sqlTypes {
                let dialect = try #require(SQLDialect.named(adapter))
                #expect(
                    SeedTable.sqlType(for: column, dialect: dialect) == sqlType,
                    "\(column.name) on \(adapter)")
            }
        }
        let rows = try #require(fixture.expected["rows"] as? [[Any]])
        #expect(table.rows.count == rows.count)
        for (index, (row, expected)) in zip(try table.rows.all(), rows).enumerated() {
            for (column, (value, expectedValue)) in zip(table.columns, zip(row, expected)) {
                #expect(
                    Self.matches(value, expectedValue),
                    "row \(index + 1), \(column.name): \(value) vs \(expectedValue)")
            }
        }
        let seed = try #require(fixture.expected["dbt_sqlite_seed"] as? [String: Any])
        if let stored = seed["stored"] as? [[Any]] {
            #expect(table.rows.count == stored.count)
            for (index, (row, storedRow)) in zip(try table.rows.all(), stored).enumerated() {
                for (column, (value, storedValue)) in zip(table.columns, zip(row, storedRow)) {
                    #expect(
                        Self.matchesStored(value, storedValue),
                        "row \(index + 1), \(column.name): \(value) vs SQLite's \(storedValue)")
                }
            }
        }
        try fixture.checkSnapshot(
            table.warnings.map { DiagnosticRenderer().render($0) }.joined(separator: "\n"))
    }

    @Test(arguments: errorNames)
    func reportsError(_ name: String) throws {
        let fixture = try Fixture(name)
        do {
            // Some values fail only when their rows are cast, as the load goes.
            let rows = try fixture.read().rows.all()
            Issue.record("expected an error, read \(rows.count) rows")
        } catch {
            let diagnostic = try #require(error as? Diagnostic, "\(error)")
            try fixture.checkSnapshot(DiagnosticRenderer().render(diagnostic))
        }
    }

    /// The generator's encoding: null, {"integer": "<digits>"}, {"real": "<repr>"},
    /// {"text": ...}, {"boolean": ...}.
    static func matches(_ value: WarehouseValue, _ expected: Any) -> Bool {
        let object = expected as? [String: Any]
        switch value {
        case .null: return expected is NSNull
        case .integer(let integer): return object?["integer"] as? String == String(integer)
        case .real(let real):
            guard let text = object?["real"] as? String, let number = Double(text) else { return false }
            return number == real && number.sign == real.sign
        case .text(let text): return object?["text"] as? String == text
        case .boolean(let boolean): return object?["boolean"] as? Bool == boolean
        }
    }

    /// What SQLite stored, as [typeof, value]: booleans are stored as the integers 1 and 0.
    static func matchesStored(_ value: WarehouseValue, _ stored: Any) -> Bool {
        let pair = stored as? [String]
        switch value {
        case .null: return stored is NSNull
        case .integer(let integer): return pair == ["integer", String(integer)]
        case .real(let real):
            guard let pair, pair.count == 2, pair[0] == "real", let number = Double(pair[1]) else {
                return false
            }
            return number == real
        case .text(let text): return pair == ["text", text]
        case .boolean(let boolean): return pair == ["integer", boolean ? "1" : "0"]
        }
    }
}
