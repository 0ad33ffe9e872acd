import Artifacts
import Diagnostics
import Execution
import Foundation
import ProjectLoading
import ProjectModel
import Selection
import Testing
import Warehouse
import Workspace

/// A project's own `{% materialization %}` blocks, run as dbt-postgres ran them in
/// `Scripts/generate_custom_materialization_fixtures.py` (`CustomMaterializations/expected/steps.json`):
/// `dbt run` twice, each node's status, message and response, then the relations left and their
/// rows. The fixture's blocks swap a table in with hooks on both sides of the transaction, pick
/// the adapter's block before the default one, come from a package (whose block named `view` is
/// not used), never commit (rolled back), return no relations, run no `main` statement, and fail
/// after an uncommitted insert.
@Suite struct CustomMaterializationRunTests {
    static func expected() throws -> JSONValue {
        let file = RunProject.testsDirectory.appendingPathComponent("CustomMaterializations/expected/steps.json")
        return try JSONValue(parsing: Array(try Data(contentsOf: file)))
    }

    /// Runs dbt's steps and checks each node's result: statuses (and exit status) always; where
    /// `exactResponses`, a success's message and adapter response in run_results.json, and dbt's
    /// sentence in an error's message.
    static func replay(_ project: RunProject, exactResponses: Bool, database: String? = nil) throws {
        for step in try #require(try expected()["steps"]?.arrayValue) {
            let name = step["name"]?.stringValue ?? ""
            // The step's `--vars` as dbt read them (YAML).
            let arguments = (step["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            let vars = try arguments.firstIndex(of: "--vars").map { position in
                try YAMLReader.parse(SourceFile(name: "--vars", text: arguments[position + 1])).value.mapValue ?? ConfigMap()
            } ?? ConfigMap()
            let (outcome, byID) = try project.run(.run, vars: vars)
            #expect(step["exit_code"] == .int(Int(outcome.exitStatus)), "\(name)")
            let results = try #require(step["results"]?.arrayValue)
            let artifact = try JSONValue(parsing: Array(try project.file("target/run_results.json")))["results"]?.arrayValue ?? []
            #expect(outcome.results.map(\.uniqueID).sorted() == results.compactMap { $0["unique_id"]?.stringValue }, "\(name)")
            for want in results {
                let id = want["unique_id"]?.stringValue ?? ""
                let got = try #require(byID[id], "\(name): \(id)")
                #expect(got.status.rawValue == want["status"]?.stringValue, "\(name): \(id)")
                guard exactResponses, !id.contains("on-run-start") else { continue }
                let message = want["message"]?.stringValue ?? ""
                if got.status == .error {
                    // dbt's sentence after its `... Error in model x (path)` line, the database's name
                    // standing where the generator's schema was.
                    let sentence = message.split(separator: "\n").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                    let weirs = String(describing: got.error.map { "\($0)" } ?? got.message ?? "")
                        .replacingOccurrences(of: database ?? "", with: "custom_materializations")
                    #expect(weirs.contains(sentence), "\(name): \(id): \(weirs)")
                } else {
                    let written = try #require(artifact.first { $0["unique_id"]?.stringValue == id }, "\(name): \(id)")
                    #expect(written["message"] == want["message"], "\(name): \(id)")
                    #expect(written["adapter_response"] == want["adapter_response"], "\(name): \(id)")
                }
            }
        }
    }

    /// The schema's relations with their rows (as text, sorted), as the generator lists them.
    static func relations(_ connection: any WarehouseConnection, schema: String) throws -> [String: [[String]]] {
        var relations: [String: [[String]]] = [:]
        for relation in try connection.relations(inSchema: schema) {
            relations[relation.name] = try rows(connection, "select * from \(schema).\(relation.name)").sorted { $0.lexicographicallyPrecedes($1) }
        }
        return relations
    }

    static func expectedRelations() throws -> [String: [[String]]] {
        let listed = try #require(try expected()["relations"]?.objectValue)
        return Dictionary(uniqueKeysWithValues: listed.map { name, relation in
            (name, (relation["rows"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) })
        })
    }

    /// On SQLite the same blocks build the same relations with the same rows, but for the block
    /// picked by adapter (`flavored`: the default one, where dbt-postgres picked its own).
    @Test func theBlocksRunOnSQLiteAsOnDbtPostgres() throws {
        let project = try RunProject("custom_materializations")
        try Self.replay(project, exactResponses: false)
        let connection = try project.sqlite("custom.db")
        defer { connection.close() }
        var want = try Self.expectedRelations()
        want["flavored"] = [["default"]]
        #expect(try Self.relations(connection, schema: "main") == want)
    }

    /// A materialization's statements are worked out when it runs: `weir plan` says so.
    @Test func thePlanNamesTheMaterialization() throws {
        let project = try RunProject("custom_materializations")
        let workspace = project.workspace()
        let parsed = try workspace.parse()
        let path = try workspace.plan(RunRequest(command: .build, selection: SelectionRequest(select: ["audited"])), in: parsed)
        let script = try String(contentsOfFile: path, encoding: .utf8)
        #expect(script.contains("-- built by the project's materialization 'audited_table' when run"), "\(script)")
    }
}

@Suite struct PostgresCustomMaterializationRunTests {
    /// The roles the fixture grants to (cluster-wide, so made if missing).
    static let roles = ["weir_reader", "weir_auditor"]

    @Test func theBlocksRunAsDbtPostgresRunsThem() throws {
        let (project, server, database) = try PostgresRunTests.project("custom_materializations")
        let connection = try PostgresRunTests.connect(server, database: database)
        defer { connection.close() }
        for role in Self.roles {
            _ = try connection.execute("do $$ begin create role \(role); exception when duplicate_object then null; end $$")
        }
        try CustomMaterializationRunTests.replay(project, exactResponses: true, database: database)
        #expect(try CustomMaterializationRunTests.relations(connection, schema: "custom_materializations") == CustomMaterializationRunTests.expectedRelations())
        try Self.checkGrantsIndexesAndComments(connection, schema: "custom_materializations")
    }

    /// What `apply_grants`, `create_indexes` and `persist_docs` left on each table, as the
    /// generator read it after dbt: grants to roles other than the owner, index definitions
    /// without their (time-derived) names, comments by column (`""`: the table's).
    static func checkGrantsIndexesAndComments(_ connection: any WarehouseConnection, schema: String) throws {
        let listed = try #require(try CustomMaterializationRunTests.expected()["relations"]?.objectValue)
        var checked = 0
        for (name, relation) in listed {
            let grants = try rows(
                connection,
                "select privilege_type, grantee from information_schema.role_table_grants where table_schema = '\(schema)' and table_name = '\(name)' and grantee != current_role order by 1, 2")
            #expect(grants == (relation["grants"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) }, "\(name)")
            let indexes = try rows(
                connection,
                "select regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') from pg_indexes where schemaname = '\(schema)' and tablename = '\(name)' order by 1")
            #expect(indexes.map { $0[0] } == (relation["indexes"]?.arrayValue ?? []).compactMap(\.stringValue), "\(name)")
            let relid = "'\"\(schema)\".\"\(name)\"'::regclass"
            var comments = Dictionary(
                uniqueKeysWithValues: try rows(
                    connection,
                    "select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute a where a.attrelid = \(relid) and a.attnum > 0 and not a.attisdropped and col_description(a.attrelid, a.attnum) is not null"
                ).map { ($0[0], $0[1]) })
            if let described = try rows(connection, "select obj_description(\(relid), 'pg_class')").first?.first, described != "NULL" {
                comments[""] = described
            }
            let want = (relation["comments"]?.objectValue ?? JSONObject()).map { ($0.key, $0.value.stringValue ?? "") }
            #expect(comments == Dictionary(uniqueKeysWithValues: want), "\(name)")
            if relation["grants"] != nil || relation["indexes"] != nil || relation["comments"] != nil { checked += 1 }
        }
        #expect(checked >= 1)
    }
}
