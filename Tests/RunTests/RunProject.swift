import Diagnostics
import Execution
import Foundation
import PostgresWarehouse
import ProjectModel
import SQLDialect
import SQLiteWarehouse
import Selection
import Warehouse
import Workspace

/// A fixture project (or the example project at the repository root) copied to a temporary
/// directory, run with Weir's workspace as `weir build` would run it.
struct RunProject {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    let directory: String
    var targetName: String?
    var environment = ProcessInfo.processInfo.environment
    /// `--defer` and `--favor-state` (with `state`).
    var deferToState = false
    var favorState = false
    /// `--empty`.
    var empty = false

    /// Copies `Projects/<name>`, or with `example: true` the example project at the repository root.
    init(_ name: String) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("weir-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let destination = temporary.appendingPathComponent(name)
        if name == "example" {
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            for entry in ["dbt_project.yml", "weir.yml", "profiles.yml", "models", "seeds", "macros", "data-tests", "analyses", "snapshots"] {
                try FileManager.default.copyItem(
                    at: Self.repositoryRoot.appendingPathComponent(entry), to: destination.appendingPathComponent(entry))
            }
        } else {
            try FileManager.default.copyItem(at: Self.testsDirectory.appendingPathComponent("Projects/\(name)"), to: destination)
        }
        directory = destination.path
    }

    func workspace(
        vars: ConfigMap = ConfigMap(), fullRefresh: Bool = false, command: String = "build", state: String? = nil,
        logSink: (@Sendable (String) -> Void)? = nil
    ) -> Workspace {
        var configuration = WorkspaceConfiguration()
        configuration.logSink = logSink
        configuration.statePath = state
        configuration.deferToState = deferToState
        configuration.favorState = favorState
        configuration.projectDirectory = directory
        configuration.profilesDirectory = directory
        configuration.targetName = targetName
        configuration.environment = environment
        configuration.cliVars = vars
        configuration.fullRefresh = fullRefresh
        configuration.empty = empty
        configuration.command = command
        configuration.connectionsAhead = 2  // as the run commands do: connecting while parsing
        return Workspace(configuration)
    }

    /// Runs a command and returns its outcome with the results by unique id.
    @discardableResult
    func run(
        _ command: RunRequest.Command = .build, select: [String] = [], vars: ConfigMap = ConfigMap(), fullRefresh: Bool = false,
        adjust: (inout RunRequest) -> Void = { _ in }
    ) throws -> (outcome: RunOutcome, byID: [String: NodeResult]) {
        let (_, outcome) = try parseAndRun(command, select: select, vars: vars, fullRefresh: fullRefresh, adjust: adjust)
        return (outcome, Self.byID(outcome))
    }

    /// Parses and runs a command; the parse is returned too, for its warnings.
    func parseAndRun(
        _ command: RunRequest.Command, select: [String], vars: ConfigMap, fullRefresh: Bool = false, state: String? = nil,
        adjust: (inout RunRequest) -> Void = { _ in }
    ) throws -> (parsed: Workspace.Parsed, outcome: RunOutcome) {
        let workspace = workspace(vars: vars, fullRefresh: fullRefresh, command: command.rawValue, state: state)
        let parsed = try workspace.parse()
        var request = RunRequest(command: command, selection: SelectionRequest(select: select))
        adjust(&request)
        return (parsed, try workspace.execute(request, in: parsed) { _ in })
    }

    static func byID(_ outcome: RunOutcome) -> [String: NodeResult] {
        Dictionary(outcome.results.map { ($0.uniqueID, $0) }, uniquingKeysWith: { $1 })
    }

    /// A plan written to target/plan.sql; returns the script.
    func plan(dialect: String? = nil) throws -> String {
        let workspace = workspace()
        let parsed = try workspace.parse()
        var request = RunRequest(command: .build, selection: SelectionRequest())
        request.offlineDialect = dialect
        let path = try workspace.plan(request, in: parsed)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// A connection to the project's SQLite warehouse, as its profile describes it.
    func sqlite(_ file: String = "shop.db") throws -> any WarehouseConnection {
        let target = directory + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        return try SQLiteWarehouse(
            configuration: SQLiteConfiguration(schemasAndPaths: ["main": target + "/" + file], schemaDirectory: target)
        ).connect()
    }

    func file(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path)) }
}

/// The invocations a generator script recorded from dbt (`<suite>/expected/cases.json`), for a
/// parameterized test; none when the file is missing (each suite checks that there are some).
func recordedCases<Case: Decodable>(_ path: String) -> [Case] {
    let url = RunProject.testsDirectory.appendingPathComponent(path)
    guard let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
    return cases
}

/// Reads one query's rows as text, for comparisons.
func rows(_ connection: any WarehouseConnection, _ sql: String) throws -> [[String]] {
    try connection.execute(sql).rows.map { row in row.map { $0.text ?? "NULL" } }
}

/// Validates an artifact against dbt's schema with the validator the artifact tests use.
func validateArtifact(_ data: Data, schema: String) throws -> (valid: Bool, report: String) {
    let tests = RunProject.testsDirectory.deletingLastPathComponent().appendingPathComponent("ArtifactsTests")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("weir-artifact-\(UUID().uuidString).json")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let (status, report) = try runProgram([
        "python3", tests.appendingPathComponent("validate_artifact.py").path,
        tests.appendingPathComponent("Schemas/\(schema)").path, file.path,
    ])
    return (status == 0, report)
}

/// Runs a program found on PATH (in `directory`, if given); returns its exit status and its
/// output (stdout and stderr).
func runProgram(
    _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}
