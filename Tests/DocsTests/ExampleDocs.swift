import Artifacts
import Foundation
import Selection
import Workspace

/// The example project at the repository root, copied to a temporary directory, built on
/// SQLite with `weir build`, then documented with `weir docs generate`.
struct ExampleDocs {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    let directory: String
    let workspace: Workspace
    let parsed: Workspace.Parsed
    let outcome: DocsOutcome

    /// With `build: false` the warehouse is empty, so the catalog is too. `prepare` runs between
    /// the build and the docs (to comment on a table, say).
    init(
        build: Bool = true, targetName: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        prepare: () throws -> Void = {}
    ) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "weir-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for entry in [
            "dbt_project.yml", "weir.yml", "profiles.yml", "models", "seeds", "macros", "data-tests", "analyses", "snapshots",
        ] {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot.appendingPathComponent(entry),
                to: temporary.appendingPathComponent(entry))
        }
        directory = temporary.path
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = directory
        configuration.profilesDirectory = directory
        configuration.command = "build"
        configuration.targetName = targetName
        configuration.environment = environment
        if build {
            let builder = Workspace(configuration)
            let parsed = try builder.parse()
            _ = try builder.execute(RunRequest(command: .build, selection: SelectionRequest()), in: parsed) {
                _ in
            }
        }
        try prepare()
        configuration.command = "generate"
        workspace = Workspace(configuration)
        parsed = try workspace.parse()
        outcome = try workspace.generateDocs(in: parsed)
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path)))
    }

    func json(_ path: String) throws -> JSONValue { try JSONValue(parsing: try bytes(path)) }

    /// A script of the site (`window.WEIR_DOCS = {...};`, `weirDocsDetails(0, [...]);`) as the JSON it carries.
    func scriptJSON(_ path: String) throws -> JSONValue {
        var text = String(decoding: try bytes(path), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        if let range = text.range(of: "window.WEIR_DOCS = "), range.lowerBound == text.startIndex {
            text.removeSubrange(range)
            if text.hasSuffix(";") { text.removeLast() }
        } else if let open = text.firstIndex(of: ","), text.hasPrefix("weirDocsDetails("),
            text.hasSuffix(");")
        {
            text = String(text[text.index(after: open)..<text.index(text.endIndex, offsetBy: -2)])
        }
        return try JSONValue(parsing: Array(text.utf8))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Runs a command and returns its status and combined output.
func runProcess(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether a program is on PATH.
func hasProgram(_ name: String) -> Bool {
    (try? runProcess(["sh", "-c", "command -v \(name)"]).status) == 0
}

/// Validates an artifact against dbt's schema with the validator the artifact tests use.
func validateArtifact(_ bytes: [UInt8], schema: String) throws -> (valid: Bool, report: String) {
    let tests = ExampleDocs.testsDirectory.deletingLastPathComponent().appendingPathComponent(
        "ArtifactsTests")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
        "weir-artifact-\(UUID().uuidString).json")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try runProcess([
        "python3", tests.appendingPathComponent("validate_artifact.py").path,
        tests.appendingPathComponent("Schemas/\(schema)").path, file.path,
    ])
    return (result.status == 0, result.output)
}
