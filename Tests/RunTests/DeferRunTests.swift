import Artifacts
import Diagnostics
import Foundation
import ProjectModel
import Selection
import Testing
import Workspace

/// `--defer` (dbt's slim CI): a dev build of what changed reads what it does not build from the
/// relations the production manifest names. `Projects/deferral`: `prod` builds into prod.db,
/// `dev` into dev.db and can read prod.db's tables.
@Suite struct DeferRunTests {
    /// The project built on `prod`, its manifest kept in `prod-state/`, and a model changed since.
    static func builtInProduction() throws -> RunProject {
        var project = try RunProject("deferral")
        project.targetName = "prod"
        let (outcome, _) = try project.run(.build)
        #expect(outcome.exitStatus == 0)
        let state = project.directory + "/prod-state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: project.directory + "/target/manifest.json", toPath: state + "/manifest.json")
        let model = project.directory + "/models/customer_orders.sql"
        try ("-- counted per customer\n" + String(contentsOfFile: model, encoding: .utf8)).write(
            toFile: model, atomically: true, encoding: .utf8)
        project.targetName = "dev"
        return project
    }

    func compiled(_ project: RunProject, _ name: String) throws -> String {
        try String(contentsOfFile: project.directory + "/target/compiled/deferral/models/\(name).sql", encoding: .utf8)
    }

    @Test func aDevBuildOfWhatChangedReadsTheRestFromProduction() throws {
        var project = try Self.builtInProduction()
        project.deferToState = true
        let (parsed, outcome) = try project.parseAndRun(.build, select: ["state:modified"], vars: ConfigMap(), state: "prod-state")
        #expect(parsed.warnings.isEmpty)
        #expect(outcome.results.map { $0.uniqueID } == ["model.deferral.customer_orders"])
        #expect(outcome.exitStatus == 0)
        let sql = try compiled(project, "customer_orders")
        #expect(sql.contains(#"from "main"."customers" c"#))
        #expect(sql.contains(#"left join "main"."orders" o"#))
        #expect(try rows(try project.sqlite("dev.db"), "select count(*) from customer_orders") == [["2"]])
    }

    @Test func withoutDeferTheSameBuildFindsNothingToReadInDev() throws {
        let project = try Self.builtInProduction()
        let (_, outcome) = try project.parseAndRun(.build, select: ["state:modified"], vars: ConfigMap(), state: "prod-state")
        #expect(outcome.exitStatus == 1)
        #expect(try compiled(project, "customer_orders").contains(#"from "dev"."customers" c"#))
    }

    @Test func aRelationDevAlreadyHasIsReadThereUnlessStateIsFavored() throws {
        var project = try Self.builtInProduction()
        try project.run(.run, select: ["customers"])
        project.deferToState = true
        _ = try project.parseAndRun(.run, select: ["customer_orders"], vars: ConfigMap(), state: "prod-state")
        var sql = try compiled(project, "customer_orders")
        #expect(sql.contains(#"from "dev"."customers" c"#))
        #expect(sql.contains(#"left join "main"."orders" o"#))
        project.favorState = true
        _ = try project.parseAndRun(.run, select: ["customer_orders"], vars: ConfigMap(), state: "prod-state")
        sql = try compiled(project, "customer_orders")
        #expect(sql.contains(#"from "main"."customers" c"#))
    }

    @Test func anOfflineCompileDefersEveryUnselectedNodeButEphemeralOnes() throws {
        var project = try Self.builtInProduction()
        project.deferToState = true
        let workspace = project.workspace(command: "compile", state: "prod-state")
        let parsed = try workspace.parse()
        _ = try workspace.compile(["model.deferral.customer_orders", "model.deferral.name_list"], in: parsed).value()
        #expect(try compiled(project, "customer_orders").contains(#"from "main"."customers" c"#))
        // The ephemeral model is injected as a CTE, its own ref deferred.
        let names = try compiled(project, "name_list")
        #expect(names.contains("__dbt__cte__ephemeral_names as ("))
        #expect(names.contains(#"from "main"."customers""#))
    }

    @Test func deferNeedsAnEarlierManifest() throws {
        var project = try Self.builtInProduction()
        project.deferToState = true
        let workspace = project.workspace(command: "compile")
        let parsed = try workspace.parse()
        do {
            _ = try workspace.compile(["model.deferral.customer_orders"], in: parsed)
            Issue.record("expected W1819")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W1819")
        }
    }
}

/// `--defer` on PostgreSQL against what dbt-postgres compiled and ran (`Scripts/generate_defer_fixtures.py`,
/// `Defer/expected/steps.json`): the `clone` fixture project's prod built and kept as the state, then
/// compiles and runs of dev models before and after dev has a parent of its own, with and without
/// `--favor-state`; each selected node's compiled SQL and status, and the dev relations at the end.
@Suite struct PostgresDeferRunTests {
    static func expected() throws -> JSONValue {
        let file = RunProject.testsDirectory.appendingPathComponent("Defer/expected/steps.json")
        return try JSONValue(parsing: Array(try Data(contentsOf: file)))
    }

    @Test func compilesAndRunsAsDbtPostgresDefers() throws {
        var (project, server, database) = try PostgresRunTests.project("clone")
        project.targetName = "prod"
        #expect(try project.run(.build).outcome.exitStatus == 0)
        try FileManager.default.copyItem(atPath: project.directory + "/target", toPath: project.directory + "/prod-state")
        project.targetName = "dev"
        project.deferToState = true
        for step in try #require(try Self.expected()["steps"]?.arrayValue) {
            let name = step["name"]?.stringValue ?? ""
            let arguments = (step["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            project.favorState = arguments.contains("--favor-state")
            let select = arguments.firstIndex(of: "-s").map { [arguments[$0 + 1]] } ?? []
            let want = step["results"]?.arrayValue ?? []
            var got: [String: (status: String, sql: String)] = [:]
            if arguments[0] == "compile" {
                let workspace = project.workspace(command: "compile", state: "prod-state")
                let parsed = try workspace.parse()
                let ids = try workspace.select(SelectionRequest(select: select), in: parsed)
                _ = try workspace.compile(ids, in: parsed).value()
                for id in ids { got[id] = ("success", parsed.manifest.nodes[id]?.compiledCode ?? "") }
            } else {
                let (_, outcome) = try project.parseAndRun(.run, select: select, vars: ConfigMap(), state: "prod-state")
                #expect(step["exit_code"] == .int(Int(outcome.exitStatus)), "\(name)")
                for result in outcome.results { got[result.uniqueID] = (result.status.rawValue, result.compiledCode ?? "") }
            }
            #expect(got.keys.sorted() == want.compactMap { $0["unique_id"]?.stringValue }, "\(name)")
            for result in want {
                let id = result["unique_id"]?.stringValue ?? ""
                #expect(got[id]?.status == result["status"]?.stringValue, "\(name): \(id)")
                let sql = got[id]?.sql.replacingOccurrences(of: "\"\(database)\"", with: "\"<database>\"")
                #expect(sql == result["compiled_code"]?.stringValue, "\(name): \(id)")
            }
        }
        let connection = try PostgresRunTests.connect(server, database: database)
        defer { connection.close() }
        let listed = try #require(try Self.expected()["relations"]?.objectValue)
        #expect(try connection.relations(inSchema: "clone_dev").map(\.name).sorted() == listed.keys.sorted())
        for (relation, expected) in listed {
            let want = (expected["rows"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) }
            #expect(try rows(connection, "select * from clone_dev.\(relation)").sorted { $0.lexicographicallyPrecedes($1) } == want, "\(relation)")
        }
    }
}
