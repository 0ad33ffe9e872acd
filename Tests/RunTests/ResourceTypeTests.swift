import Foundation
import Testing

/// `--resource-type` and `--exclude-resource-type` (also plural, and `DBT_RESOURCE_TYPES`,
/// `DBT_EXCLUDE_RESOURCE_TYPES`) of `build`, `test`, `clone` and `ls` pick the nodes dbt picks on
/// the same project (`Projects/sample`): the exit status, the ids in `run_results.json` and what
/// `ls --quiet` lists, as `Scripts/generate_resource_type_fixtures.py` recorded them from dbt.
@Suite struct ResourceTypeTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String]
        var exit_status: Int32
        var ran: [String]?
        var listed: [String]?
        var testDescription: String { name }
    }

    static let cases: [Case] = recordedCases("ResourceTypes/expected/cases.json")

    @Test func theExpectationsAreThere() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases) func picksWhatDbtPicked(_ expected: Case) throws {
        let project = try RunProject("sample")
        let quiet = expected.arguments.first == "ls" ? ["--quiet"] : []
        let (status, output, errors) = try WarnErrorTests.weir(quiet + expected.arguments, in: project, environment: expected.environment)
        #expect(status == expected.exit_status, "\(output)\n\(errors)")
        if let listed = expected.listed {
            #expect(output.split(separator: "\n").map(String.init) == listed)
        }
        let path = project.directory + "/target/run_results.json"
        guard let ran = expected.ran else { return }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let ids = (document?["results"] as? [[String: Any]] ?? []).compactMap { $0["unique_id"] as? String }.sorted()
        #expect(ids == ran)
    }

    /// `-m`/`--models`, dbt's older name for `--select`: with `ls`, models only (dbt's `ListTask`).
    @Test func modelsIsSelectAndListsModelsOnly() throws {
        let project = try RunProject("sample")
        let (_, selected, _) = try WarnErrorTests.weir(["--quiet", "ls", "-s", "recent_events+"], in: project)
        #expect(selected.contains("sample.not_null_recent_events_event_id"), "\(selected)")
        let (status, models, _) = try WarnErrorTests.weir(["--quiet", "ls", "--models", "recent_events+"], in: project)
        #expect(status == 0)
        #expect(models.split(separator: "\n") == ["sample.all_recent_events", "sample.recent_events"])
        let (both, _, errors) = try WarnErrorTests.weir(["ls", "-m", "recent_events", "-s", "events"], in: project)
        #expect(both == 2)
        #expect(errors.contains("\"models\" and \"select\" are mutually exclusive arguments"), "\(errors)")
        let (ran, output, _) = try WarnErrorTests.weir(["build", "-m", "events"], in: project)
        #expect(ran == 0)
        #expect(output.contains("TOTAL=1"), "\(output)")
    }
}
