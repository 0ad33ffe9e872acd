import Execution
import Foundation
import Testing
import Workspace

/// What dbt-core 1.11 (dbt-postgres) did when it ran the unit tests of the `unit_tests` fixture
/// project, scenario by scenario, as `Scripts/generate_unit_test_fixtures.py` recorded it in
/// `UnitTests/expected/`, with the overlays (`UnitTests/overlays/<scenario>/`) it applied.
struct DbtUnitTests {
    static let directory = RunProject.testsDirectory.appendingPathComponent("UnitTests")

    struct Result: Decodable, Equatable {
        var status: String
        var failures: Int?
        var message: String?
    }

    struct Scenario: Decodable {
        var steps: [[String]]
        var exit_code: Int32
        var results: [String: Result]
    }

    static func scenario(_ name: String) throws -> Scenario {
        try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: directory.appendingPathComponent("expected/\(name).json")))
    }

    /// The compiled code dbt recorded for a unit test (alike in every scenario).
    static func compiled(_ test: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("expected/compiled/\(test).sql"), encoding: .utf8)
    }

    /// Copies the scenario's overlay over the project.
    static func overlay(_ name: String, onto project: RunProject) throws {
        let source = directory.appendingPathComponent("overlays/\(name)")
        guard let files = FileManager.default.enumerator(atPath: source.path) else { return }
        for case let file as String in files {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source.appendingPathComponent(file).path, isDirectory: &isDirectory)
            let destination = URL(fileURLWithPath: project.directory).appendingPathComponent(file)
            if isDirectory.boolValue {
                try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            } else {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: destination)
            }
        }
    }

    /// Runs the scenario's steps as dbt did; the last step's outcome.
    static func run(_ name: String, _ project: RunProject) throws -> RunOutcome {
        try overlay(name, onto: project)
        let steps = try scenario(name).steps
        var last: RunOutcome?
        for (index, step) in steps.enumerated() {
            let command = try #require(RunRequest.Command(rawValue: step[0]))
            let select = step.count > 2 && step[1] == "--select" ? [step[2]] : []
            let (outcome, _) = try project.run(command, select: select)
            if index < steps.count - 1 {
                #expect(outcome.exitStatus == 0, "step \(step) of \(name): \(outcome.results.filter { $0.status.isFailure }.map { "\($0.uniqueID): \($0.message ?? "")" })")
            }
            last = outcome
        }
        return try #require(last)
    }

    /// Checks Weir's last step against dbt's: the same nodes with the same statuses and failures,
    /// a failed unit test's difference as dbt printed it, an error's cause in its message.
    static func expectSameResults(_ name: String, _ outcome: RunOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try scenario(name)
        #expect(outcome.exitStatus == expected.exit_code, sourceLocation: sourceLocation)
        let byID = RunProject.byID(outcome)
        #expect(Set(byID.keys) == Set(expected.results.keys), sourceLocation: sourceLocation)
        for (id, want) in expected.results.sorted(by: { $0.key < $1.key }) {
            guard let got = byID[id] else { continue }
            #expect(got.status.rawValue == want.status, "\(id): \(got.message ?? "")", sourceLocation: sourceLocation)
            #expect(got.failures == want.failures, "\(id)", sourceLocation: sourceLocation)
            guard let message = want.message else { continue }
            if want.status == "fail" {
                #expect(got.message == message, "\(id)", sourceLocation: sourceLocation)
            } else {
                // dbt's exception text; Weir's diagnostic carries its key line (the cause).
                let cause = message.split(separator: "\n").first { !$0.hasPrefix("An error occurred") && !$0.contains("Compilation Error") }
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? message
                // The relation a message names is the warehouse's: its database is the run's.
                let parts = cause.components(separatedBy: " from relation ")
                let said = got.message ?? ""
                #expect(parts.allSatisfy { said.contains(parts.count > 1 && $0 == parts[1] ? String($0.drop { $0 != " " }) : $0) },
                        "\(id): \(said) should say: \(cause)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// dbt unit tests run on SQLite: the same verdicts as dbt's on PostgreSQL for the fixture project.
@Suite struct UnitTestRunTests {
    @Test(arguments: ["test", "build_fresh", "failing"])
    func unitTestsGiveDbtsVerdicts(_ scenario: String) throws {
        let project = try RunProject("unit_tests")
        let outcome = try DbtUnitTests.run(scenario, project)
        try DbtUnitTests.expectSameResults(scenario, outcome)
    }

    @Test func buildRunsAModelsUnitTestsBeforeItAndSkipsItWhenOneFails() throws {
        let project = try RunProject("unit_tests")
        let outcome = try DbtUnitTests.run("build_fresh", project)
        let order = outcome.results.map(\.uniqueID)
        let model = try #require(order.firstIndex(of: "model.unit_tests.customer_totals"))
        for test in ["no_orders_no_totals", "totals_skip_returns"] {
            let index = try #require(order.firstIndex(of: "unit_test.unit_tests.customer_totals.\(test)"))
            #expect(index < model)
        }
        let parent = try #require(order.firstIndex(of: "model.unit_tests.stg_orders"))
        #expect(parent < order.firstIndex(of: "unit_test.unit_tests.customer_totals.totals_skip_returns")!)
        #expect(RunProject.byID(outcome)["model.unit_tests.inc_orders"]?.status == .skipped)
    }

    /// `run` runs no unit tests; `test` runs those the selection holds (a model's, by its name).
    @Test func unitTestsRunWhereDbtRunsThem() throws {
        let project = try RunProject("unit_tests")
        try project.run(.seed)
        let (_, run) = try project.run(.run)
        #expect(!run.keys.contains { $0.hasPrefix("unit_test.") })
        let (_, tested) = try project.run(.test, select: ["stg_orders"])
        #expect(Set(tested.keys) == ["unit_test.unit_tests.stg_orders.staging_from_source"])
        #expect(tested.values.allSatisfy { $0.status == .pass })
    }

    @Test func aUnitTestReportsItsCompiledCode() throws {
        let project = try RunProject("unit_tests")
        let outcome = try DbtUnitTests.run("test", project)
        let result = try #require(RunProject.byID(outcome)["unit_test.unit_tests.orders_enriched.enriched_from_files"])
        // On SQLite the casts name SQLite's types; the CTEs and the model's SQL are dbt's.
        let compiled = try #require(result.compiledCode)
        // Written where dbt writes it: under the properties file's path, as if it were a directory.
        #expect(try project.file("target/compiled/unit_tests/models/unit_tests.yml/models/enriched_from_files.sql") == Data(compiled.utf8))
        #expect(compiled.hasPrefix("with __dbt__cte__stg_orders as (\n\n-- Fixture for stg_orders\nselect "))
        #expect(compiled.hasSuffix("),  __dbt__cte__countries as (\nselect 'fr' as code, 'France' as name\n) select o.id, o.amount * 2 as double_amount, c.name as country_name\nfrom __dbt__cte__stg_orders o\nleft join __dbt__cte__countries c on c.code = o.country"))
    }
}

/// dbt unit tests on a real PostgreSQL server: dbt's verdicts, and each unit test's compiled code
/// byte for byte as dbt-postgres compiled it.
@Suite struct PostgresUnitTestRunTests {
    @Test(arguments: ["test", "build_fresh", "failing"])
    func unitTestsGiveDbtsVerdictsAndCode(_ scenario: String) throws {
        let (project, _, _) = try PostgresRunTests.project("unit_tests")
        let outcome = try DbtUnitTests.run(scenario, project)
        try DbtUnitTests.expectSameResults(scenario, outcome)
        for result in outcome.results where result.uniqueID.hasPrefix("unit_test.") && result.compiledCode != nil {
            let test = String(result.uniqueID.split(separator: ".").last!)
            let expected = try DbtUnitTests.compiled(test)
            #expect(result.compiledCode == expected, "\(test):\n\(result.compiledCode ?? "")\n---\n\(expected)")
        }
    }
}
