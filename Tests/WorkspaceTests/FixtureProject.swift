import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import Selection
import Workspace

/// A fixture project copied to a temporary directory (so nothing is written into the
/// repository), with the invocation dbt was run with.
struct FixtureProject {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let name: String
    let directory: String
    let invocation: [String: Any]
    /// `--vars` as dbt got them (JSON is YAML, so the YAML reader keeps `true` a boolean).
    let cliVars: ConfigMap

    init(_ name: String) throws {
        self.name = name
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("weir-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let destination = temporary.appendingPathComponent(name)
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("projects").appendingPathComponent(name), to: destination)
        directory = destination.path
        let expected = Self.fixtures.appendingPathComponent("expected").appendingPathComponent(name)
        let invocationFile = expected.appendingPathComponent("invocation.json")
        let errorFile = expected.appendingPathComponent("error.json")
        let data = try Data(contentsOf: FileManager.default.fileExists(atPath: errorFile.path) ? errorFile : invocationFile)
        invocation = (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        let yaml = try YAMLReader.parse(SourceFile(name: "invocation.json", text: String(decoding: data, as: UTF8.self)))
        cliVars = yaml["vars"]?.value.mapValue ?? ConfigMap()
    }

    var expectedDirectory: URL {
        Self.fixtures.appendingPathComponent("expected").appendingPathComponent(name)
    }

    /// A workspace configured as dbt was invoked: the same `--vars`, environment and `--empty`.
    func workspace(command: String = "compile") -> Workspace {
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = directory
        configuration.profilesDirectory = directory
        configuration.command = command
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in invocation["env"] as? [String: String] ?? [:] { environment[key] = value }
        configuration.environment = environment
        configuration.cliVars = cliVars
        configuration.empty = (invocation["args"] as? [String] ?? []).contains("--empty")
        return Workspace(configuration)
    }

    /// Every file of dbt's `target/compiled/` tree, relative to it.
    func expectedCompiledFiles() -> [String] {
        let root = expectedDirectory.appendingPathComponent("compiled")
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    func expectedCompiled(_ relative: String) throws -> String {
        try String(contentsOf: expectedDirectory.appendingPathComponent("compiled").appendingPathComponent(relative), encoding: .utf8)
    }

    func weirCompiled(_ relative: String) -> String? {
        try? String(contentsOfFile: directory + "/target/compiled/" + relative, encoding: .utf8)
    }
}

extension Workspace {
    /// Parses the project and compiles every node, as `weir compile` does when nothing is
    /// selected.
    @discardableResult
    func compileEverything() throws -> Parsed {
        let parsed = try parse()
        _ = try compile(try select(SelectionRequest(), in: parsed), in: parsed).value()
        return parsed
    }
}
