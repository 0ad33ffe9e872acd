import Diagnostics
import Foundation
import Selection
import Testing
import Workspace

/// `state:` and `result:` select what dbt-core selects (`dbt ls --state`) after the same changes
/// to a project (`Fixtures/state`: `before/`, then `after/` and `removed.txt` applied;
/// `Scripts/generate_state_fixtures.py` recorded dbt's selections and state), whether the state
/// was written by dbt or by Weir.
@Suite struct StateSelectionTests {
    static let fixture = FixtureProject.fixtures.appendingPathComponent("state")

    struct Selection {
        let select: [String]
        let exclude: [String]
        /// dbt's exit status: 0 (then `uniqueIDs`), or 2 when the selection stopped it.
        let exitCode: Int
        let uniqueIDs: [String]
    }

    static let selections: [Selection] = {
        let url = fixture.appendingPathComponent("expected/selections.json")
        let document = (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any]
        return (document?["selections"] as? [[String: Any]] ?? []).map {
            Selection(
                select: $0["select"] as? [String] ?? [], exclude: $0["exclude"] as? [String] ?? [],
                exitCode: $0["exit_code"] as? Int ?? -1, uniqueIDs: $0["unique_ids"] as? [String] ?? [])
        }
    }()

    /// A scratch copy of `before/`, and a state directory beside it.
    struct Scratch {
        let project: URL
        let state: URL

        init() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("weir-state-\(UUID().uuidString)")
            project = root.appendingPathComponent("state_demo")
            state = root.appendingPathComponent("state")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: StateSelectionTests.fixture.appendingPathComponent("before"), to: project)
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        }

        func workspace(state: Bool = true) -> Workspace {
            var configuration = WorkspaceConfiguration()
            configuration.projectDirectory = project.path
            configuration.profilesDirectory = project.path
            configuration.command = "list"
            configuration.statePath = state ? self.state.path : nil
            // The profile's defaults, as when dbt ran (not a test server's `PG*` variables: a
            // source names the target's database, so another one would change every source).
            configuration.environment = [:]
            return Workspace(configuration)
        }

        /// Copies one of the state files dbt wrote into the state directory.
        func useDbtState(_ name: String) throws {
            try FileManager.default.copyItem(
                at: StateSelectionTests.fixture.appendingPathComponent("expected/state/\(name)"),
                to: state.appendingPathComponent(name))
        }

        /// The project's new version.
        func applyChanges() throws {
            let after = StateSelectionTests.fixture.appendingPathComponent("after")
            let enumerator = FileManager.default.enumerator(atPath: after.path)
            while let relative = enumerator?.nextObject() as? String {
                let source = after.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let destination = project.appendingPathComponent(relative)
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.createDirectory(
                    at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source, to: destination)
            }
            let removed = try String(
                contentsOf: StateSelectionTests.fixture.appendingPathComponent("removed.txt"), encoding: .utf8)
            for line in removed.split(separator: "\n") where !line.isEmpty {
                try FileManager.default.removeItem(at: project.appendingPathComponent(String(line)))
            }
        }

        /// Every recorded selection made on the new version, compared with dbt's.
        func expectDbtsSelections(_ sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let workspace = self.workspace()
            let parsed = try workspace.parse()
            #expect(StateSelectionTests.selections.count > 20, sourceLocation: sourceLocation)
            for expected in StateSelectionTests.selections {
                let request = SelectionRequest(select: expected.select, exclude: expected.exclude)
                let described = "--select \(expected.select) --exclude \(expected.exclude)"
                do {
                    let selected = try workspace.select(request, in: parsed)
                    #expect(expected.exitCode == 0, "\(described): dbt stopped, Weir selected", sourceLocation: sourceLocation)
                    #expect(selected.sorted() == expected.uniqueIDs, "\(described)", sourceLocation: sourceLocation)
                } catch let diagnostic as Diagnostic {
                    #expect(expected.exitCode == 2, "\(described): \(diagnostic.message)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func againstTheStateDbtWrote() throws {
        let scratch = try Scratch()
        try scratch.useDbtState("manifest.json")
        try scratch.useDbtState("run_results.json")
        try scratch.applyChanges()
        try scratch.expectDbtsSelections()
    }

    @Test func againstTheStateWeirWrote() throws {
        let scratch = try Scratch()
        let before = scratch.workspace(state: false)
        let parsed = try before.parse()
        try before.writeManifest(parsed)
        try FileManager.default.copyItem(
            at: scratch.project.appendingPathComponent("target/manifest.json"),
            to: scratch.state.appendingPathComponent("manifest.json"))
        // The run's statuses as dbt's run recorded them (Weir's own run results are held to
        // dbt's elsewhere): `result:` reads only each result's id and status.
        try scratch.useDbtState("run_results.json")
        try scratch.applyChanges()
        try scratch.expectDbtsSelections()
    }

    @Test func withoutAManifestInTheStateDirectory() throws {
        let scratch = try Scratch()
        let workspace = scratch.workspace()
        let parsed = try workspace.parse()
        #expect(parsed.warnings.contains { $0.code == "W1818" })
        #expect(throws: Diagnostic.self) { try workspace.select(SelectionRequest(select: ["state:modified"]), in: parsed) }
        // Nothing compared, nothing needed: the rest still selects.
        #expect(try !workspace.select(SelectionRequest(select: ["tag:none", "stg_orders"]), in: parsed).isEmpty)
    }
}
