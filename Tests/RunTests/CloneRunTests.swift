import Artifacts
import Diagnostics
import Foundation
import Selection
import Testing
import Warehouse
import Workspace

/// `weir clone` against what dbt-postgres's `dbt clone` did (`Scripts/generate_clone_fixtures.py`,
/// `Clone/expected/steps.json`): prod built and kept as the state, a model added since, one model
/// built in dev; then clones (everything, again, one model with `--full-refresh`, no state), each
/// with its statuses, messages, responses and logged lines, and the dev relations left at the end.
@Suite struct CloneRunTests {
    static func expected() throws -> JSONValue {
        let file = RunProject.testsDirectory.appendingPathComponent("Clone/expected/steps.json")
        return try JSONValue(parsing: Array(try Data(contentsOf: file)))
    }

    /// Collects logged lines from any thread.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        func take() -> [String] { lock.withLock { defer { lines = [] }; return lines.sorted() } }
    }

    /// Builds prod and keeps its target directory as the state, adds the model prod never built,
    /// builds `customers` in dev; then replays dbt's clone steps. `database` is the name dbt's
    /// relations had in their place (PostgreSQL), `exact` whether responses are compared.
    static func replay(_ project: RunProject, replacing database: String?, exact: Bool) throws {
        var project = project
        project.targetName = "prod"
        let (built, _) = try project.run(.build)
        #expect(built.exitStatus == 0)
        let state = project.directory + "/prod-state"
        try FileManager.default.copyItem(atPath: project.directory + "/target", toPath: state)
        let fresh = try #require(try expected()["fresh_model"]?.arrayValue?.compactMap(\.stringValue))
        try fresh[1].write(toFile: project.directory + "/" + fresh[0], atomically: true, encoding: .utf8)
        project.targetName = "dev"
        #expect(try project.run(.run, select: ["customers"]).outcome.exitStatus == 0)

        for step in try #require(try expected()["steps"]?.arrayValue) {
            let name = step["name"]?.stringValue ?? ""
            let arguments = (step["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            let select = arguments.firstIndex(of: "-s").map { [arguments[$0 + 1]] } ?? []
            let lines = Lines()
            let workspace = project.workspace(
                fullRefresh: arguments.contains("--full-refresh"), command: "clone",
                state: arguments.contains("--state") ? state : nil, logSink: { lines.append($0) })
            let outcome: RunOutcome
            do {
                outcome = try workspace.execute(RunRequest(command: .clone, selection: SelectionRequest(select: select)), in: try workspace.parse()) { _ in }
            } catch let error as Diagnostic {
                #expect(step["exit_code"] == .int(2), "\(name): \(error)")
                let sentence = (step["error"]?.stringValue ?? "").split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                #expect(error.message == sentence, "\(name)")
                continue
            }
            #expect(step["exit_code"] == .int(Int(outcome.exitStatus)), "\(name)")
            let logged = lines.take().map { line in database.map { line.replacingOccurrences(of: "\"\($0)\"", with: "\"weir_fixtures\"") } ?? line }
            let wantLogged = (step["logged"]?.arrayValue ?? []).compactMap(\.stringValue)
            if exact {
                #expect(logged == wantLogged, "\(name)")
            } else {
                // The relation's name as the dialect renders it (SQLite: no database part).
                #expect(logged.count == wantLogged.count, "\(name): \(logged)")
            }
            let written = try JSONValue(parsing: Array(try project.file("target/run_results.json")))["results"]?.arrayValue ?? []
            let results = step["results"]?.arrayValue ?? []
            #expect(written.compactMap { $0["unique_id"]?.stringValue }.sorted() == results.compactMap { $0["unique_id"]?.stringValue }, "\(name)")
            for want in results {
                let id = want["unique_id"]?.stringValue ?? ""
                let got = try #require(written.first { $0["unique_id"]?.stringValue == id }, "\(name): \(id)")
                #expect(got["status"] == want["status"], "\(name): \(id)")
                guard exact || want["message"]?.stringValue == "No-op" else { continue }
                #expect(got["message"] == want["message"], "\(name): \(id)")
                #expect(PostgresShowRunTests.members(got["adapter_response"]) == PostgresShowRunTests.members(want["adapter_response"]), "\(name): \(id)")
            }
        }
    }

    /// The relations dbt left in the dev schema: by name, the type and (but for the snapshot,
    /// whose rows carry times) the rows as text, sorted.
    static func expectedRelations() throws -> [String: (type: String, rows: [[String]]?)] {
        let listed = try #require(try expected()["relations"]?.objectValue)
        return Dictionary(uniqueKeysWithValues: listed.map { name, relation in
            (name, (type: relation["type"]?.stringValue ?? "", rows: relation["rows"]?.arrayValue.map { $0.map { ($0.arrayValue ?? []).compactMap(\.stringValue) } }))
        })
    }

    /// `kind` turns a relation's kind into the generator's `table_type` (nil: kinds not compared).
    static func checkRelations(_ connection: any WarehouseConnection, schema: String, kind: ((String) -> String)?) throws {
        let want = try expectedRelations()
        let relations = try connection.relations(inSchema: schema)
        #expect(relations.map(\.name).sorted() == want.keys.sorted())
        for relation in relations {
            guard let expected = want[relation.name] else { continue }
            if let kind { #expect(kind(relation.kind.rawValue) == expected.type, "\(relation.name)") }
            if let rows = expected.rows {
                let got = try CloneRunTests.rows(connection, "select * from \(schema).\(relation.name)")
                #expect(got == rows, "\(relation.name)")
            }
        }
    }

    static func rows(_ connection: any WarehouseConnection, _ sql: String) throws -> [[String]] {
        try RunTests.rows(connection, sql).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// On SQLite, whose views cannot read another attached database, each clone is a copy: the
    /// same statuses and rows, as tables (the hook log too).
    @Test func clonesAreCopiesOnSQLite() throws {
        let project = try RunProject("clone")
        let profiles = """
            clone_project:
              target: dev
              outputs:
                prod:
                  type: sqlite
                  threads: 1
                  database: main
                  schema: main
                  schemas_and_paths: {main: target/prod.db}
                  schema_directory: target
                dev:
                  type: sqlite
                  threads: 1
                  database: main
                  schema: clone_dev
                  schemas_and_paths: {main: target/prod.db, clone_dev: target/dev.db}
                  schema_directory: target
            """
        try profiles.write(toFile: project.directory + "/profiles.yml", atomically: true, encoding: .utf8)
        try Self.replay(project, replacing: nil, exact: false)
        let connection = try project.sqlite("prod.db")
        defer { connection.close() }
        _ = try connection.execute("attach database '\(project.directory)/target/dev.db' as clone_dev")
        try Self.checkRelations(connection, schema: "clone_dev", kind: nil)
        #expect(try connection.relations(inSchema: "clone_dev").allSatisfy { $0.kind == .table })
        // The state is recorded, so `weir retry` clones from it again.
        var dev = project
        dev.targetName = "dev"
        let previous = try dev.workspace(command: "retry").previousRun()
        #expect(previous.command == .clone)
        #expect(previous.statePath == project.directory + "/prod-state")
    }
}

@Suite struct PostgresCloneRunTests {
    @Test func clonesAsDbtPostgresClones() throws {
        let (project, server, database) = try PostgresRunTests.project("clone")
        try CloneRunTests.replay(project, replacing: database, exact: true)
        let connection = try PostgresRunTests.connect(server, database: database)
        defer { connection.close() }
        try CloneRunTests.checkRelations(connection, schema: "clone_dev") { $0 == "table" ? "BASE TABLE" : $0.uppercased() }
    }
}
