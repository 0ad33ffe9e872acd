import Artifacts
import Execution
import Foundation
import ProjectModel
import Testing
import Warehouse
import Workspace

/// dbt-postgres' `materialized_view` materialization, step by step as
/// `Scripts/generate_materialized_view_fixtures.py` ran it with the real dbt: the exit status,
/// each node's status and message, and the relations left behind (kind, rows, indexes); for
/// `docs generate`, the type the catalog gives each node's relation.
@Suite struct MaterializedViewRunTests {
    static func steps() throws -> [JSONValue] {
        let file = RunProject.testsDirectory.appendingPathComponent("MaterializedViews/expected/steps.json")
        return try #require(try JSONValue(parsing: Array(try Data(contentsOf: file)))["steps"]?.arrayValue)
    }

    @Test func materializedViewsBuildAsDbtPostgresBuildsThem() throws {
        let (project, server, database) = try PostgresRunTests.project("materialized_views")
        let connection = try PostgresRunTests.connect(server, database: database)
        defer { connection.close() }
        for step in try Self.steps() {
            let name = step["name"]?.stringValue ?? ""
            if let row = step["row"]?.arrayValue {
                let values = row.map { value -> String in
                    if case .int(let number) = value { return String(number) }
                    return "'\(value.stringValue ?? "")'"
                }.joined(separator: ", ")
                _ = try connection.execute("insert into materialized_views.raw_orders values (\(values))")
                continue
            }
            let arguments = (step["args"]?.arrayValue ?? []).compactMap(\.stringValue)
            if arguments.first == "docs" {
                let workspace = project.workspace(command: "generate")
                let outcome = try workspace.generateDocs(in: try workspace.parse())
                let catalog = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: outcome.catalogPath))))
                let types = (catalog["nodes"]?.objectValue ?? JSONObject()).map { id, node in
                    (id, node["metadata"]?["type"] ?? .null)
                }
                #expect(JSONValue.object(JSONObject(types.sorted { $0.0 < $1.0 })) == step["catalog_types"], "\(name)")
                continue
            }
            let command: RunRequest.Command = arguments.first == "seed" ? .seed : .run
            let select = DbtFreshness.values(of: "-s", in: arguments)
            let vars = step["vars"]?.objectValue.map(ConfigMap.init(json:)) ?? ConfigMap()
            let (outcome, _) = try project.run(command, select: select, vars: vars, fullRefresh: arguments.contains("--full-refresh"))
            #expect(step["exit_code"] == .int(Int(outcome.exitStatus)), "\(name)")
            let expected = try (step["results"]?.arrayValue ?? []).map { result in
                try #require(result["unique_id"]?.stringValue) + " " + (result["status"]?.stringValue ?? "")
            }
            #expect(outcome.results.map { "\($0.uniqueID) \($0.status.rawValue)" }.sorted() == expected, "\(name)")
            for result in step["results"]?.arrayValue ?? [] {
                guard let id = result["unique_id"]?.stringValue, let actual = outcome.results.first(where: { $0.uniqueID == id }),
                    let message = result["message"]?.stringValue
                else { continue }
                // The test's database stands where the generator's was; an error is compared by
                // dbt's sentence after its `FailFast Error in model ...` line.
                let weirs = (actual.message ?? actual.responseMessage ?? "").replacingOccurrences(of: database, with: "weir_fixtures")
                let dbts = message.split(separator: "\n").dropFirst(actual.status == .error ? 1 : 0).joined(separator: "\n")
                    .trimmingCharacters(in: .whitespaces)
                #expect(actual.status == .error ? weirs.contains(dbts) : weirs == dbts, "\(name): \(id)")
            }
            #expect(try Self.relations(on: connection) == step["relations"], "\(name)")
        }
    }

    /// SQLite has no materialized views (nor has dbt-sqlite): the model fails with W1312 and
    /// what depends on it is skipped.
    @Test func sqliteRefusesMaterializedViews() throws {
        let project = try RunProject("materialized_views")
        let (outcome, byID) = try project.run(.build)
        #expect(outcome.exitStatus == 1)
        let failed = try #require(byID["model.materialized_views.orders_mv"])
        #expect(failed.status == .error)
        #expect(failed.message?.contains("W1312") == true, "\(failed.message ?? "")")
        #expect(byID["model.materialized_views.customer_totals"]?.status == .skipped)
    }

    /// The schema's relations as the generator lists them.
    static func relations(on connection: any WarehouseConnection) throws -> JSONValue {
        let listed = try connection.execute(
            """
            select c.relname, case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' else 'table' end
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'materialized_views' and c.relkind in ('r', 'v', 'm') order by 1
            """)
        return .array(try listed.rows.map { row in
            let name = row[0].text ?? ""
            let rows = try connection.execute("select count(*)::text from materialized_views.\"\(name)\"").rows[0][0].text ?? ""
            let indexes = try connection.execute(
                """
                select m.amname, ix.indisunique::text, array_to_string(array_agg(a.attname order by a.attname), ',')
                from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_am m on m.oid = i.relam
                join pg_class t on t.oid = ix.indrelid join pg_namespace n on n.oid = t.relnamespace
                join pg_attribute a on a.attrelid = t.oid and a.attnum = any(ix.indkey)
                where n.nspname = 'materialized_views' and t.relname = '\(name)' group by i.relname, 1, 2 order by 3, 1, 2
                """)
            return .object(JSONObject([
                ("indexes", .array(indexes.rows.map { index in
                    .object(JSONObject([
                        ("columns", .string(index[2].text ?? "")), ("method", .string(index[0].text ?? "")),
                        ("unique", .bool(index[1].text == "true")),
                    ]))
                })),
                ("kind", .string(row[1].text ?? "")), ("name", .string(name)), ("rows", .int(Int(rows) ?? -1)),
            ]))
        })
    }
}
