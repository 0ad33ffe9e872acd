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
struct DbtOperations: Decodable {
    struct Step: Decodable {
        var macro: String
        var args: String?
        var exit_code: Int32
        var logged: [String]
        var result: [String: JSONField]?
    }

    /// A field of a run_results.json result, compared as JSON.
    enum JSONField: Decodable, Equatable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([JSONField]), object([String: JSONField])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
            else if let number = try? container.decode(Int.self) { self = .int(number) }
            else if let number = try? container.decode(Double.self) { self = .double(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else if let items = try? container.decode([JSONField].self) { self = .array(items) }
            else { self = .object(try container.decode([String: JSONField].self)) }
        }
    }

    var steps: [Step]
    var audit: [[AuditValue]]
    var relations: [String]

    enum AuditValue: Decodable, Equatable {
        case int(Int), string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .int(number) } else { self = .string(try container.decode(String.self)) }
        }

        var text: String {
            switch self {
            case .int(let number): return String(number)
            case .string(let text): return text
            }
        }
    }

    static func load() throws -> DbtOperations {
        let file = RunProject.testsDirectory.appendingPathComponent("Operations/expected/steps.json")
        return try JSONDecoder().decode(DbtOperations.self, from: Data(contentsOf: file))
    }

    /// Runs every step as the generator ran it with dbt and expects dbt's exit status, logged
    /// lines and result (as written in run_results.json) for each, then dbt's audit rows and
    /// relations (`schema`: the profile's, which dbt's names are in).
    static func expectDbtsSteps(
        _ project: RunProject, schema: String, connect: () throws -> any WarehouseConnection
    ) throws {
        let expected = try load()
        for step in expected.steps {
            let logged = Mutex<[String]>([])
            var configuration = project.workspace(command: "run-operation").configuration
            configuration.logSink = { line in logged.withLock { $0.append(line) } }
            let workspace = Workspace(configuration)
            let parsed = try workspace.parse()
            let arguments = try step.args.map { try YAMLReader.parse(SourceFile(name: "--args", text: $0)).value.mapValue ?? ConfigMap() }
            let resultsFile = project.directory + "/target/run_results.json"
            try? FileManager.default.removeItem(atPath: resultsFile)
            let exitStatus: Int32
            do {
                exitStatus = try workspace.runOperation(step.macro, arguments: arguments ?? ConfigMap(), in: parsed).exitStatus
            } catch is Diagnostic {
                exitStatus = 2
            }
            #expect(exitStatus == step.exit_code, "\(step.macro)")
            #expect(logged.withLock { $0 } == step.logged, "\(step.macro)")
            guard let want = step.result else {
                #expect(!FileManager.default.fileExists(atPath: resultsFile), "\(step.macro)")
                continue
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: resultsFile))
            let written = try JSONDecoder().decode(RunResultsFile.self, from: data).results
            #expect(written.count == 1)
            let got = try #require(written.first)
            for (key, value) in want.sorted(by: { $0.key < $1.key }) {
                #expect(got[key] == value, "\(step.macro): \(key)")
            }
        }
        let connection = try connect()
        defer { connection.close() }
        let audit = try rows(connection, "select step, note from \"\(schema)\".audit order by step, note")
        #expect(audit == expected.audit.map { $0.map(\.text) })
        let relations = try connection.relations(inSchema: schema).map { "operation_fixtures." + $0.name }.sorted()
        #expect(relations == expected.relations)
        #expect(try connection.relations(inSchema: "operation_fixtures_scratch").isEmpty)
    }

    struct RunResultsFile: Decodable {
        var results: [[String: JSONField]]
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
