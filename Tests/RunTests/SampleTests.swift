import Foundation
import Testing
import Warehouse

/// `--sample` (and `DBT_SAMPLE`) leaves in the warehouse what dbt's left on the same project
/// (`Projects/sample`): refs to the seed with an `event_time` read only the window's rows, refs
/// to anything else every row. dbt's results are recorded by `Scripts/generate_sample_fixtures.py`.
@Suite struct SampleTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String]
        var exit_status: Int32
        var rows: [String: [[String]]?]?
        var testDescription: String { name }
    }

    static let cases: [Case] = recordedCases("Sample/expected/cases.json")

    @Test func theExpectationsAreThere() {
        #expect(Self.cases.count >= 8)
    }

    @Test(arguments: cases) func leavesWhatDbtLeft(_ expected: Case) throws {
        let project = try RunProject("sample")
        if expected.arguments.first == "run" {
            #expect(try WarnErrorTests.weir(["seed"], in: project).status == 0)
        }
        let (status, output, errors) = try WarnErrorTests.weir(expected.arguments, in: project, environment: expected.environment)
        #expect(status == expected.exit_status, "\(output)\n\(errors)")
        let database = project.directory + "/target/sample.db"
        guard let models = expected.rows else {
            #expect(!FileManager.default.fileExists(atPath: database), "the warehouse was touched")
            return
        }
        let connection = try project.sqlite("sample.db")
        defer { connection.close() }
        for (model, expectedRows) in models {
            let actual = try? rows(connection, "select * from main.\(model) order by 1, 2")
            #expect(actual == expectedRows, "\(model)")
        }
    }

    /// The filter is dbt's subquery around the relation, with the window's bounds; a relative
    /// window ends when the invocation started.
    @Test func theCompiledSQLFiltersTheSampledRef() throws {
        let project = try RunProject("sample")
        let (status, _, errors) = try WarnErrorTests.weir(
            ["build", "--sample", "{'start': '2024-01-02', 'end': '2024-01-03 06:00:00'}"], in: project)
        #expect(status == 0, "\(errors)")
        let sql = String(decoding: try project.file("target/run/sample/models/recent_events.sql"), as: UTF8.self)
        #expect(
            sql.contains(
                "(select * from \"main\".\"events\" where occurred_at >= '2024-01-02' and occurred_at < '2024-01-03 06:00:00') _dbt_et_filter_subq_events"),
            "\(sql)")
        let users = String(decoding: try project.file("target/run/sample/models/events_per_user.sql"), as: UTF8.self)
        #expect(users.contains("from \"main\".\"users\" as users"), "\(users)")
    }

    @Test func badWindowsAreRefused() throws {
        let cases: [(String, String)] = [
            ("3 weeks", "Invalid grain size 'weeks'"),
            ("three days", "Unable to convert 'three' to an integer."),
            ("3days", "Must be of form 'DAYS_INT GRAIN_SIZE'"),
            ("{start: 2024-01-01}", "the window has no 'end'"),
        ]
        let project = try RunProject("sample")
        for (window, message) in cases {
            let (status, _, errors) = try WarnErrorTests.weir(["run", "--sample", window], in: project)
            #expect(status == 2)
            #expect(errors.contains(message), "\(errors)")
        }
    }
}
