import Foundation
import Testing
import Warehouse

/// `--store-failures` (and `DBT_STORE_FAILURES`) against each test's `store_failures`,
/// `store_failures_as` and `limit` keep in the audit schema what dbt kept on the same project
/// (`Projects/store_failures`), as `Scripts/generate_store_failures_fixtures.py` recorded it: the
/// exit status, each node's status, each audit relation and its rows. (On SQLite a view cannot read
/// another attached database, so `store_failures_as: view` keeps a table there.)
@Suite struct StoreFailuresTests {
    struct Relation: Decodable, Equatable {
        var kind: String
        var rows: Int
    }

    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String]
        var exit_status: Int32
        var statuses: [String: String]
        var audit: [String: Relation]
        var testDescription: String { name }
    }

    static let cases: [Case] = recordedCases("StoreFailures/expected/cases.json")

    @Test func theExpectationsAreThere() {
        #expect(Self.cases.count >= 3)
    }

    @Test(arguments: cases) func keepsWhatDbtKept(_ expected: Case) throws {
        let project = try RunProject("store_failures")
        if expected.arguments.first == "test" {
            #expect(try WarnErrorTests.weir(["run"], in: project).status == 0)
        }
        let (status, output, errors) = try WarnErrorTests.weir(expected.arguments, in: project, environment: expected.environment)
        #expect(status == expected.exit_status, "\(output)\n\(errors)")
        let data = try Data(contentsOf: URL(fileURLWithPath: project.directory + "/target/run_results.json"))
        let results = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]] ?? []
        var statuses: [String: String] = [:]
        for result in results { statuses[result["unique_id"] as? String ?? ""] = result["status"] as? String }
        #expect(statuses == expected.statuses)
        // `not_null` selects every column when its failures are kept (`should_store_failures()`).
        let compiled = try String(
            contentsOfFile: project.directory + "/target/compiled/store_failures/models/schema.yml/not_null_orders_amount.sql",
            encoding: .utf8)
        #expect(compiled.contains("select *") == (expected.audit["not_null_orders_amount"] != nil), "\(compiled)")
        // The summary says where the kept rows are.
        let pointer = "see the failing rows: select * from \"main_dbt_test__audit\".\"not_null_orders_amount\""
        #expect(output.contains(pointer) == (expected.audit["not_null_orders_amount"] != nil), "\(output)")

        let connection = try project.sqlite("store_failures.db")
        defer { connection.close() }
        _ = try connection.execute("attach database '\(project.directory)/target/main_dbt_test__audit.db' as audit")
        var audit: [String: Relation] = [:]
        for row in try rows(connection, "select name, type from audit.sqlite_master where type in ('table', 'view')") {
            let count = try rows(connection, "select count(*) from audit.\"\(row[0])\"").first?.first ?? "0"
            audit[row[0]] = Relation(kind: row[1], rows: Int(count) ?? -1)
        }
        let expectedOnSQLite = expected.audit.mapValues { Relation(kind: "table", rows: $0.rows) }
        #expect(audit == expectedOnSQLite)
    }
}
