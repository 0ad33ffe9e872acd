import Artifacts
@testable import Docs
import Foundation
import Selection
import Testing
import Workspace

/// `weir docs generate`'s flags, as dbt's: `--no-compile`, `--empty-catalog`, `--static`,
/// `--select`; and the project's `asset-paths`, copied beside the site.
@Suite("docs generate's options")
struct DocsOptionsTests {
    /// The example project copied to a temporary directory, with `assets/erd.png` declared in
    /// `asset-paths`, as a workspace for `target` (nil: its SQLite default).
    private func example(target: String? = nil, environment: [String: String] = [:]) throws -> (Workspace, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-docs-options-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for entry in ["dbt_project.yml", "weir.yml", "profiles.yml", "models", "seeds", "macros", "data-tests", "analyses", "snapshots"] {
            try FileManager.default.copyItem(
                atPath: ExampleDocs.repositoryRoot.appendingPathComponent(entry).path, toPath: directory + "/" + entry)
        }
        let projectFile = directory + "/dbt_project.yml"
        try (String(contentsOfFile: projectFile, encoding: .utf8) + "\nasset-paths: [assets]\n")
            .write(toFile: projectFile, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/assets/diagrams", withIntermediateDirectories: true)
        try Data("a diagram".utf8).write(to: URL(fileURLWithPath: directory + "/assets/diagrams/erd.png"))
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = directory
        configuration.profilesDirectory = directory
        configuration.command = "generate"
        configuration.targetName = target
        configuration.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return (Workspace(configuration), directory)
    }

    @Test("--no-compile --empty-catalog never connect: docs are built where the warehouse is out of reach")
    func withoutTheWarehouse() throws {
        // A PostgreSQL target on a port nothing listens on: any connection would fail the command.
        let (workspace, directory) = try example(target: "postgres", environment: ["PGPORT": "1", "PGHOST": "127.0.0.1"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let parsed = try workspace.parse()
        let outcome = try workspace.generateDocs(in: parsed, options: DocsOptions(compile: false, emptyCatalog: true))
        #expect(outcome.compiledNodes == 0)
        #expect(outcome.catalogRelations == 0)
        let catalog = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: outcome.catalogPath))))
        #expect(catalog["nodes"] == .object(JSONObject()) && catalog["sources"] == .object(JSONObject()))
        #expect(FileManager.default.fileExists(atPath: outcome.siteDirectory + "/index.html"))
        // The project's assets, beside the site's page, as markdown links to them expect.
        #expect(try Data(contentsOf: URL(fileURLWithPath: outcome.siteDirectory + "/assets/diagrams/erd.png")) == Data("a diagram".utf8))
        #expect(outcome.staticPagePath == nil)
    }

    @Test("--select compiles the selected nodes and describes only the selected relations in the catalog")
    func selection() throws {
        let (workspace, directory) = try example()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let built = try workspace.parse()
        _ = try workspace.execute(RunRequest(command: .build, selection: SelectionRequest()), in: built) { _ in }
        let parsed = try workspace.parse()
        let outcome = try workspace.generateDocs(
            in: parsed, options: DocsOptions(selection: SelectionRequest(select: ["dim_users", "raw_users"])))
        #expect(outcome.catalogRelations == 2)
        // (The tests of the selected nodes come with them, as `dbt compile --select` takes them.)
        let compiled = parsed.manifest.nodes.values.filter { $0.compiledCode != nil && $0.resourceType != .test }.map(\.name)
        #expect(compiled == ["dim_users"])
    }

    @Test("--static writes the whole site into target/static_index.html, loading nothing")
    func staticPage() throws {
        let (workspace, directory) = try example()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let parsed = try workspace.parse()
        let outcome = try workspace.generateDocs(in: parsed, options: DocsOptions(compile: false, emptyCatalog: true, staticPage: true))
        let path = try #require(outcome.staticPagePath)
        #expect(path.hasSuffix("/target/static_index.html"))
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!page.contains("src=\"") && !page.contains("href=\"weir-docs.css\""))
        #expect(page.contains("window.WEIR_DOCS = ") && page.contains("weirDocsDetails(0, "))
    }

    /// An inline script must not end early (`</script>` in some SQL) nor be read as a comment.
    @Test func inlineScriptsAreEscaped() {
        let script = Array("x = \"</script><!-- </SCRIPT >\";".utf8)
        #expect(String(decoding: DocsSite.inlineScript(script), as: UTF8.self) == "x = \"<\\/script><\\!-- <\\/SCRIPT >\";")
    }
}
