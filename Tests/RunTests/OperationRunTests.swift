import Artifacts
import Diagnostics
import Execution
import Foundation
import ProjectLoading
import ProjectModel
import Synchronization
import Testing
import Warehouse
import Workspace

/// What dbt-core 1.11 (dbt-postgres) did for each `dbt run-operation` of the `operations` fixture
/// project, as `Scripts/generate_operation_fixtures.py` recorded it in
/// `Operations/expected/steps.json`: exit status, logged lines and run_results.json's result per
/// step, then the rows the operations left in the `audit` table and the relations in the schema.
/// (Read as JSON values, so that each result field compares with what Weir writes as JSON.)
enum DbtOperations {
    static func load() throws -> JSONValue {
        let file = RunProject.testsDirectory.appendingPathComponent("Operations/expected/steps.json")
        return try JSONValue(parsing: Array(try Data(contentsOf: file)))
    }

    /// An audit row's value as the warehouse's text.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .string(let text): return text
        default: return value.serialized()
        }
    }

    /// Runs every step as the generator ran it with dbt and expects dbt's exit status, logged
    /// lines and result (as written in run_results.json) for each, then dbt's audit rows and
    /// relations (`schema`: the profile's, which dbt's names are in).
    static func expectDbtsSteps(
        _ project: RunProject, schema: String, connect: () throws -> any WarehouseConnection
    ) throws {
        let expected = try load()
        let steps = try #require(expected["steps"]?.arrayValue)
        #expect(steps.count == 16)
        for step in steps {
            let macro = try #require(step["macro"]?.stringValue)
            let logged = Mutex<[String]>([])
            var configuration = project.workspace(command: "run-operation").configuration
            configuration.logSink = { line in logged.withLock { $0.append(line) } }
            let workspace = Workspace(configuration)
            let parsed = try workspace.parse()
            let arguments = try step["args"]?.stringValue.map { try YAMLReader.parse(SourceFile(name: "--args", text: $0)).value.mapValue ?? ConfigMap() }
            let resultsFile = project.directory + "/target/run_results.json"
            try? FileManager.default.removeItem(atPath: resultsFile)
            let exitStatus: Int32
            do {
                exitStatus = try workspace.runOperation(macro, arguments: arguments ?? ConfigMap(), in: parsed).exitStatus
            } catch is Diagnostic {
                exitStatus = 2
            }
            #expect(step["exit_code"] == .int(Int(exitStatus)), "\(macro)")
            #expect(logged.withLock { $0 } == step["logged"]?.arrayValue?.compactMap(\.stringValue), "\(macro)")
            guard let want = step["result"]?.objectValue else {
                #expect(!FileManager.default.fileExists(atPath: resultsFile), "\(macro)")
                continue
            }
            let written = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: resultsFile))))["results"]?.arrayValue ?? []
            #expect(written.count == 1)
            let got = try #require(written.first)
            for (key, value) in want { #expect(got[key] == value, "\(macro): \(key)") }
        }
        let connection = try connect()
        defer { connection.close() }
        let audit = try rows(connection, "select step, note from \"\(schema)\".audit order by step, note")
        #expect(audit == (expected["audit"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).map(text) })
        let relations = try connection.relations(inSchema: schema).map { "operation_fixtures." + $0.name }.sorted()
        #expect(relations == expected["relations"]?.arrayValue?.compactMap(\.stringValue))
        #expect(try connection.relations(inSchema: "operation_fixtures_scratch").isEmpty)
    }
}

@Suite struct OperationRunTests {
    /// Statements that run without a commit, with one, in a `statement` block, before an error;
    /// the macro lookup (root before packages, `package.macro`); the context (`execute`, no
    /// `this`); the adapter's methods that change relations and schemas; a database error and
    /// an unknown macro: each step logs, exits, records and leaves what dbt-postgres did.
    @Test func operationsDoWhatDbtsDo() throws {
        let project = try RunProject("operations")
        try DbtOperations.expectDbtsSteps(project, schema: "main") { try project.sqlite("operations.db") }
    }

    /// run_results.json validates against dbt's schema, with the macro's result as dbt writes it.
    @Test func theResultValidates() throws {
        let project = try RunProject("operations")
        let workspace = project.workspace(command: "run-operation")
        let parsed = try workspace.parse()
        let outcome = try workspace.runOperation("greet", arguments: ConfigMap(), in: parsed)
        #expect(outcome.exitStatus == 0)
        let (valid, report) = try validateArtifact(try project.file("target/run_results.json"), schema: "run-results-v6.json")
        #expect(valid, "\(report)")
    }

    /// An operation that only logs needs no warehouse: the connection opens at the first statement.
    @Test func anOperationThatTouchesNothingNeedsNoWarehouse() throws {
        var project = try RunProject("operations")
        project.targetName = "postgres"
        project.environment["PGHOST"] = "127.0.0.1"
        project.environment["PGPORT"] = "1"
        project.environment["PGUSER"] = "nobody"
        project.environment["PGPASSWORD"] = "secret-password"
        project.environment["PGDATABASE"] = "nowhere"
        let workspace = project.workspace(command: "run-operation")
        let parsed = try workspace.parse()
        #expect(try workspace.runOperation("greet", arguments: ConfigMap(), in: parsed).exitStatus == 0)
        let failed = try workspace.runOperation("count_audit", arguments: ConfigMap(), in: parsed)
        #expect(failed.exitStatus == 1)
        let message = String(describing: failed.result.error ?? Diagnostic(code: "", message: ""))
        #expect(message.contains("W1403"), "\(message)")
        #expect(!message.contains("secret-password"))
    }
}

@Suite struct PostgresOperationRunTests {
    @Test func operationsDoWhatDbtsDo() throws {
        let (project, server, database) = try PostgresRunTests.project("operations")
        try DbtOperations.expectDbtsSteps(project, schema: "operation_fixtures") {
            try PostgresRunTests.connect(server, database: database)
        }
    }
}
