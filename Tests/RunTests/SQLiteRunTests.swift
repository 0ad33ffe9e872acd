import Diagnostics
import Execution
import Foundation
import ProjectModel
import Selection
import Synchronization
import Testing
import Warehouse
import Workspace

/// `weir build` and friends on SQLite, end to end: the fixture project `shop` exercises every
/// materialization, seeds, tests of each outcome, hooks and failures.
@Suite struct SQLiteRunTests {
    /// A seed over 1 MiB is identified by path, as dbt does, so parsing leaves it unread; it is
    /// read when it loads, and its diagnostics still name the file and line.
    /// A run writes the compiled SQL of what it ran and, as dbt does, of the ephemeral models
    /// those took in.
    @Test func aRunWritesTheEphemeralModelsItCompiled() throws {
        let project = try RunProject("shop")
        let (_, byID) = try project.run(.build, select: ["+customers"])
        #expect(byID["model.shop.customers"]?.status == .success)
        let ephemeral = String(decoding: try project.file("target/compiled/shop/models/base_customers.sql"), as: UTF8.self)
        #expect(ephemeral.contains("from"), "\(ephemeral)")
    }

    /// A selected ephemeral model that no model takes in is compiled and written too, as dbt's
    /// run compiles every selected node; it has no result, as it never runs.
    @Test func aRunWritesTheSelectedEphemeralModelsNoModelTakesIn() throws {
        let project = try RunProject("shop")
        try "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('customers') }}\n"
            .write(toFile: project.directory + "/models/unused.sql", atomically: true, encoding: .utf8)
        let (_, byID) = try project.run(.build)
        #expect(byID["model.shop.customers"]?.status == .success)
        #expect(byID["model.shop.unused"] == nil)
        let compiled = String(decoding: try project.file("target/compiled/shop/models/unused.sql"), as: UTF8.self)
        #expect(compiled == "\nselect * from \"main\".\"customers\"")
    }

    /// An ephemeral model that fails to compile (here a query of a table that is not there)
    /// skips, as dbt does, every model built on it, each with dbt's message naming the ephemeral
    /// model and that error kept as its cause; the run exits 1.
    @Test func anEphemeralModelThatFailsToCompileSkipsItsDescendants() throws {
        let project = try RunProject("shop")
        try """
            {{ config(materialized='ephemeral') }}
            {% set first = run_query('select min(id) from no_such_table').columns[0].values()[0] if execute else 0 %}
            select {{ first }} as first_id
            """.write(toFile: project.directory + "/models/first_ids.sql", atomically: true, encoding: .utf8)
        try "{{ config(materialized='table') }}\nselect * from {{ ref('first_ids') }}\n"
            .write(toFile: project.directory + "/models/uses_first_ids.sql", atomically: true, encoding: .utf8)
        try "{{ config(materialized='table') }}\nselect * from {{ ref('uses_first_ids') }}\n"
            .write(toFile: project.directory + "/models/downstream_of_first_ids.sql", atomically: true, encoding: .utf8)
        let (outcome, byID) = try project.run(.run, select: ["first_ids+"])
        #expect(outcome.exitStatus == 1)
        for name in ["uses_first_ids", "downstream_of_first_ids"] {
            let result = byID["model.shop.\(name)"]
            #expect(result?.status == .skipped)
            #expect(
                result?.message
                    == "Compilation Error in model.shop.\(name), caused by compilation error in referenced ephemeral model model.shop.first_ids")
            #expect((result?.error as? EphemeralFailure).map { "\($0)".contains("no_such_table") } == true)
        }
    }

    /// A query's result reads as dbt's agate table does: `columns` by name (`items()`, `keys()`,
    /// `get()`, `['name']`), each column's `values()` a tuple, rows by position and by name.
    @Test func queryResultsReadAsAgateTables() throws {
        let project = try RunProject("shop")
        try """
            {%- macro text(value) -%}'{{ (value | string).replace("'", "''") }}'{%- endmacro -%}
            {%- if execute -%}
            {%- set table = run_query("select 1 as id, 'a' as label union all select 2, 'b'") -%}
            {%- set by_column = {} -%}
            {%- for name, column in table.columns.items() -%}{%- do by_column.update({name: column.values()}) -%}{%- endfor -%}
            select {{ text(by_column) }} as columns_by_name, {{ text(table.columns.keys()) }} as names,
                {{ text(table.columns['label'].values()) }} as labels, {{ text(table.columns.get('nope', 'none')) }} as missing,
                {{ text(table.rows[1].values()) }} as second_row, {{ text(table.rows[0]['label'] ~ table.rows[0].id) }} as cells
            {%- else -%}
            select 1 as parsing
            {%- endif %}
            """.write(toFile: project.directory + "/models/agate_reads.sql", atomically: true, encoding: .utf8)
        let (outcome, _) = try project.run(.run, select: ["agate_reads"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        #expect(
            try rows(try project.sqlite(), "select * from agate_reads") == [
                ["{'id': (1, 2), 'label': ('a', 'b')}", "('id', 'label')", "('a', 'b')", "none", "(2, 'b')", "a1"]
            ])
    }

    @Test func aLargeSeedIsReadWhenItLoads() throws {
        let project = try RunProject("shop")
        var text = "id,label\n"
        for index in 0..<60_000 { text += "\(index),label number \(index)\n" }
        #expect(text.utf8.count > 1 << 20)
        try text.write(toFile: project.directory + "/seeds/large.csv", atomically: true, encoding: .utf8)
        let (outcome, byID) = try project.run(.seed, select: ["large"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        #expect(byID["seed.shop.large"]?.rowsAffected == 60_000)
        #expect(try rows(try project.sqlite(), "select count(*), max(id) from large") == [["60000", "59999"]])
        let manifest = try JSONSerialization.jsonObject(with: try project.file("target/manifest.json")) as? [String: Any]
        let node = (manifest?["nodes"] as? [String: Any])?["seed.shop.large"] as? [String: Any]
        #expect((node?["checksum"] as? [String: Any])?["name"] as? String == "path")

        try (text + "60000,one,too many\n").write(toFile: project.directory + "/seeds/large.csv", atomically: true, encoding: .utf8)
        let (failed, failedByID) = try project.run(.seed, select: ["large"])
        #expect(failed.exitStatus == 1)
        #expect(failedByID["seed.shop.large"]?.message?.contains("seeds/large.csv:60002:") == true, "\(failedByID["seed.shop.large"]?.message ?? "")")
        #expect(try rows(try project.sqlite(), "select count(*) from large") == [["60000"]], "the loaded seed is intact")
    }

    /// A second build of an unchanged project restores the first one's parse (the parse snapshot)
    /// and takes its compiled SQL; its seeds, whose text the parse no longer holds, are read from
    /// their files and load alike.
    @Test func aRestoredParseBuildsAndSeedsAlike() throws {
        let project = try RunProject("shop")
        // Files changed in the clock tick the parse stamps them in are never taken as unchanged.
        Thread.sleep(forTimeInterval: 0.02)
        let (first, firstByID) = try project.run()
        #expect(first.exitStatus == 0)
        let seeded = try rows(try project.sqlite(), "select * from raw_customers order by customer_id")
        try project.sqlite().execute("delete from raw_customers")
        let (parsed, second) = try project.parseAndRun(.build, select: [], vars: ConfigMap())
        #expect(parsed.compiler.isRestored)
        // The first build's compiled SQL is taken where its answers still hold (not for the
        // incremental models, whose relations exist now).
        #expect(parsed.compiler.reusedCompiles > 0)
        #expect(second.exitStatus == 0)
        #expect(RunProject.byID(second).mapValues(\.status) == firstByID.mapValues(\.status))
        #expect(try rows(try project.sqlite(), "select * from raw_customers order by customer_id") == seeded)
        #expect(!seeded.isEmpty)
    }

    /// `weir docs generate` compiles every node; on an unchanged project it takes the compiled SQL
    /// the last compile of the same parse made, but where an answer it was compiled under changed
    /// (`is_incremental()` once the relation exists) or the render asked the warehouse.
    @Test func docsGenerateReusesCompiledSQLOnlyWhereItsAnswersHold() throws {
        let project = try RunProject("shop")
        try """
            select {% for column in adapter.get_columns_in_relation(ref('raw_orders')) %}{{ column.name }}{{ ", " if not loop.last }}{% endfor %}
            from {{ ref('raw_orders') }}
            """.write(toFile: project.directory + "/models/introspective.sql", atomically: false, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.02)
        let offline = project.workspace(command: "compile")
        let compiled = try offline.parse()
        _ = try offline.compile(try offline.select(SelectionRequest(), in: compiled), in: compiled).value()
        let incremental = "model.shop.orders_incremental"
        #expect(compiled.manifest.nodes[incremental]?.compiledCode?.contains("coalesce(max(order_id)") == false)
        #expect(try project.run().outcome.exitStatus == 0)

        func generateDocs() throws -> Workspace.Parsed {
            let workspace = project.workspace(command: "generate")
            let parsed = try workspace.parse()
            #expect(parsed.compiler.isRestored)
            _ = try workspace.generateDocs(in: parsed)
            return parsed
        }
        let first = try generateDocs()
        #expect(first.compiler.reusedCompiles > 10)
        #expect(first.manifest.nodes[incremental]?.compiledCode?.contains("coalesce(max(order_id)") == true)
        let introspective = "model.shop.introspective"
        #expect(first.manifest.nodes[introspective]?.compiledCode?.hasPrefix("select order_id, customer_id,") == true)

        try project.sqlite().execute("alter table raw_orders add column note text")
        let second = try generateDocs()
        #expect(second.manifest.nodes[incremental]?.compiledCode == first.manifest.nodes[incremental]?.compiledCode)
        #expect(second.manifest.nodes[introspective]?.compiledCode?.contains("ordered_on, note") == true)
        // Now also the two incremental models (orders_incremental, orders_appended), but still not
        // the model that asked the warehouse.
        #expect(second.compiler.reusedCompiles == first.compiler.reusedCompiles + 2)
    }

    /// dbt's `Column` has `char_size`, `numeric_precision` and `numeric_scale`, None when the
    /// type gives none: they are None, not undefined (`is none` holds, and they print `None`).
    @Test func aColumnsSizesAreNoneWhenItsTypeHasNone() throws {
        let project = try RunProject("shop")
        try """
            select '{% for column in adapter.get_columns_in_relation(ref('raw_orders'))[:1] %}{{ column.char_size }} {{ column.numeric_precision is none }} {{ column.numeric_scale is none }}{% endfor %}' as sizes
            """.write(toFile: project.directory + "/models/column_sizes.sql", atomically: false, encoding: .utf8)
        let (outcome, _) = try project.run(.build, select: ["+column_sizes"])
        #expect(outcome.exitStatus == 0, "\(outcome.results.map { "\($0.uniqueID): \($0.message ?? "")" })")
        #expect(try rows(try project.sqlite(), "select sizes from column_sizes") == [["None True True"]])
    }

    @Test func buildsEveryNodeFromScratch() throws {
        let project = try RunProject("shop")
        let (outcome, byID) = try project.run()
        #expect(outcome.exitStatus == 0)
        #expect(byID["model.shop.customers"]?.status == .success)
        #expect(byID["seed.shop.raw_orders"]?.status == .success)
        #expect(byID["seed.shop.raw_orders"]?.rowsAffected == 6)
        #expect(byID["test.shop.unique_customers_customer_id.c5af1ff4b1"]?.status == .pass)
        #expect(byID["test.shop.no_big_orders"]?.status == .warn)
        #expect(byID["model.shop.base_customers"] == nil, "ephemeral models run inside their children")
        let warehouse = try project.sqlite()
        #expect(
            try rows(warehouse, "select customer_id, name, order_count, total_amount from customers order by 1") == [
                ["1", "O'Brien, Ann", "2", "30.5"], ["2", "Bob", "2", "13.0"], ["3", "unknown", "2", "43.0"],
            ])
        #expect(try rows(warehouse, "select event from run_log order by rowid") == [["customers built"], ["end"]])
        let leftovers = try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }
        #expect(leftovers.isEmpty)
    }

    /// A post-hook is rendered after the build, as dbt renders it: its Jinja may query the
    /// relation just built (dbt-project-evaluator's hooks insert what they read so).
    @Test func aPostHookIsRenderedAfterTheBuild() throws {
        let project = try RunProject("shop")
        try """
            {{ config(materialized='table', post_hook="{% set n = run_query('select count(*) from ' ~ this).columns[0].values()[0] %}insert into {{ target.schema }}.run_log select 'counted {{ n }}', {{ n }}") }}
            select 1 as id union all select 2
            """.write(toFile: project.directory + "/models/counted.sql", atomically: true, encoding: .utf8)
        let (outcome, byID) = try project.run()
        #expect(outcome.exitStatus == 0)
        #expect(byID["model.shop.counted"]?.status == .success, "\(byID["model.shop.counted"]?.message ?? "")")
        #expect(try rows(try project.sqlite(), "select event, at_count from run_log where event like 'counted%'") == [["counted 2", "2"]])
    }

    @Test func failingRowsAreStoredInTheAuditSchemaWhenAsked() throws {
        let project = try RunProject("shop")
        try project.run()
        let rows = try rows(try project.sqlite(), "select value_field, n_records from main_dbt_test__audit.status_is_shipped_warning order by 1")
        #expect(rows == [["placed", "2"], ["placed, paid", "1"], ["returned", "1"]])
    }

    @Test func writesRunResultsThatValidateAndTheExecutedSQL() throws {
        let project = try RunProject("shop")
        try project.run()
        let (valid, report) = try validateArtifact(try project.file("target/run_results.json"), schema: "run-results-v6.json")
        #expect(valid, "\(report)")
        let json = try JSONSerialization.jsonObject(with: try project.file("target/run_results.json")) as? [String: Any]
        let results = json?["results"] as? [[String: Any]] ?? []
        #expect(results.count == 17)
        let customers = results.first { $0["unique_id"] as? String == "model.shop.customers" }
        #expect(customers?["relation_name"] as? String == "\"main\".\"customers\"")
        let executed = String(decoding: try project.file("target/run/shop/models/customers.sql"), as: UTF8.self)
        // Replaced inside one transaction: SQLite re-reads its whole schema after a rename.
        #expect(executed.hasPrefix("begin immediate;\n"))
        #expect(executed.contains("create table \"main\".\"customers\" as"))
        #expect(executed.contains("insert into main.run_log select 'customers built'"))
        #expect(executed.contains("/* created by the project's create_table_as */"), "the project's override of create_table_as is used")
    }

    /// `--empty`: the models build from refs limited to no rows (seeds load as usual), and their
    /// tests pass; the next build without the flag fills them, reusing no SQL the empty build
    /// compiled. (The shop's other models alias their refs, `ref('x') as c`, which `--empty`'s
    /// subqueries break in dbt as in Weir.)
    @Test func anEmptyBuildCreatesTheModelsWithoutRows() throws {
        var project = try RunProject("shop")
        project.empty = true
        let (emptyRun, _) = try project.run(select: ["+orders_incremental"])
        #expect(emptyRun.exitStatus == 0, "\(emptyRun.results.map { "\($0.uniqueID): \($0.status) \($0.message ?? "")" })")
        #expect(try rows(try project.sqlite(), "select count(*) from orders_incremental") == [["0"]])
        #expect(try rows(try project.sqlite(), "select count(*) from raw_orders") == [["6"]])
        let compiled = String(decoding: try project.file("target/compiled/shop/models/orders_incremental.sql"), as: UTF8.self)
        #expect(compiled.contains("from (select * from \"main\".\"stg_orders\" where false limit 0) _dbt_limit_subq_stg_orders"), "\(compiled)")
        project.empty = false
        try project.run(select: ["+orders_incremental"])
        #expect(try rows(try project.sqlite(), "select count(*) from orders_incremental") == [["6"]])
    }

    /// Every artifact's metadata carries the `DBT_ENV_CUSTOM_ENV_*` variables, as dbt's do.
    @Test func artifactsRecordTheCustomEnvironment() throws {
        var project = try RunProject("shop")
        project.environment["DBT_ENV_CUSTOM_ENV_TEAM"] = "analytics"
        try project.run()
        for artifact in ["manifest.json", "run_results.json"] {
            let json = try JSONSerialization.jsonObject(with: try project.file("target/" + artifact)) as? [String: Any]
            let metadata = json?["metadata"] as? [String: Any]
            #expect(metadata?["env"] as? [String: String] == ["TEAM": "analytics"], "\(artifact)")
        }
    }

    @Test func theProjectsIncrementalSQLIsUsed() throws {
        let project = try RunProject("shop")
        try project.run(vars: ConfigMap([("max_order_id", .int(4))]))
        try project.run(.run, select: ["stg_orders", "orders_incremental"])
        let executed = String(decoding: try project.file("target/run/shop/models/orders_incremental.sql"), as: UTF8.self)
        #expect(executed.contains("/* project's delete+insert */"))
        #expect(try rows(try project.sqlite(), "select count(*) from orders_incremental") == [["6"]])
    }

    @Test(arguments: ["delete+insert", "merge", "append"])
    func incrementalRunsEndAsAFullRefreshWould(strategy: String) throws {
        let project = try RunProject("shop")
        let vars: (Int) -> ConfigMap = { ConfigMap([("max_order_id", .int($0)), ("strategy", .string(strategy))]) }
        try project.run(.build, vars: vars(3))
        let (outcome, byID) = try project.run(.run, select: ["orders_incremental", "orders_appended", "stg_orders"], vars: vars(6))
        #expect(outcome.exitStatus == 0)
        #expect(byID["model.shop.orders_incremental"]?.status == .success)
        let warehouse = try project.sqlite()
        let incremental = try rows(warehouse, "select * from orders_incremental order by order_id")
        let appended = try rows(warehouse, "select * from orders_appended order by order_id")
        try project.run(.run, select: ["orders_incremental", "orders_appended"], vars: vars(6), fullRefresh: true)
        #expect(try rows(warehouse, "select * from orders_appended order by order_id") == appended)
        if strategy == "append" {
            // Append inserts again the two rows the model's lookback selects, as dbt's append does.
            #expect(incremental.count == 8)
        } else {
            #expect(try rows(warehouse, "select * from orders_incremental order by order_id") == incremental)
            #expect(incremental.count == 6)
        }
    }

    @Test func newColumnsAreAppendedWhenAsked() throws {
        let project = try RunProject("shop")
        try project.run(.build)
        let (outcome, _) = try project.run(.run, select: ["orders_incremental"], vars: ConfigMap([("with_day", .bool(true))]))
        #expect(outcome.exitStatus == 0)
        let columns = try project.sqlite().columns(of: .init(database: nil, schema: "main", identifier: "orders_incremental"))
        #expect(columns.map(\.name) == ["order_id", "customer_id", "amount", "status", "ordered_on"])
    }

    @Test func aFailingModelKeepsItsOldRelationAndSkipsDescendants() throws {
        let project = try RunProject("shop")
        try project.run()
        let (outcome, byID) = try project.run(vars: ConfigMap([("break", .bool(true))]))
        #expect(outcome.exitStatus == 1)
        #expect(byID["model.shop.fragile"]?.status == .error)
        #expect(byID["model.shop.after_fragile"]?.status == .skipped)
        #expect(byID["model.shop.customers"]?.status == .success, "the rest of the graph goes on")
        let warehouse = try project.sqlite()
        #expect(try rows(warehouse, "select count(*) from fragile") == [["6"]], "the previous relation survives")
        #expect(try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }.isEmpty)
    }

    @Test func aFailingTestSkipsWhatIsBuiltOnTheRejectedData() throws {
        let project = try RunProject("shop")
        let (outcome, byID) = try project.run(vars: ConfigMap([("big_order_tolerance", .int(0))]))
        #expect(outcome.exitStatus == 1)
        #expect(byID["test.shop.no_big_orders"]?.status == .fail)
        #expect(byID["test.shop.no_big_orders"]?.failures == 1)
        #expect(byID["model.shop.customers"]?.status == .skipped, "customers is built on stg_orders, which failed a test")
    }

    /// Three models in a chain: edge_a -> edge_c -> edge_b.
    static func writeChain(in project: RunProject) throws {
        let models = project.directory + "/models/"
        try "select 1 as id".write(toFile: models + "edge_a.sql", atomically: true, encoding: .utf8)
        try "select id from {{ ref('edge_a') }}".write(toFile: models + "edge_c.sql", atomically: true, encoding: .utf8)
        try "select id from {{ ref('edge_c') }}".write(toFile: models + "edge_b.sql", atomically: true, encoding: .utf8)
    }

    /// dbt's `add_test_edges`: a test waits for all of its parents, and a node waits for a test
    /// only when everything the test depends on is upstream of the node. A relationships test
    /// between `edge_a` and its grandchild `edge_b` must neither hold up `edge_c` (between them)
    /// nor let `edge_d` (after `edge_b`) start before it.
    @Test func aTestBetweenANodeAndItsGrandchildRunsBeforeWhatIsBuiltOnBoth() throws {
        let project = try RunProject("shop")
        try Self.writeChain(in: project)
        let models = project.directory + "/models/"
        try "select id from {{ ref('edge_b') }}".write(toFile: models + "edge_d.sql", atomically: true, encoding: .utf8)
        try """
            version: 2
            models:
              - name: edge_b
                columns:
                  - name: id
                    data_tests:
                      - relationships:
                          arguments:
                            to: ref('edge_a')
                            field: id
            """.write(toFile: models + "edges.yml", atomically: true, encoding: .utf8)
        let (outcome, byID) = try project.run(.build, select: ["edge_a+"])
        #expect(outcome.exitStatus == 0)
        let test = try #require(byID.values.first { $0.uniqueID.hasPrefix("test.shop.relationships_edge_b_id") })
        #expect(test.status == .pass)
        let testEnd = try #require(test.executeCompleted)
        #expect(try #require(byID["model.shop.edge_b"]?.executeCompleted) <= (test.compileStarted ?? testEnd))
        #expect(testEnd <= (try #require(byID["model.shop.edge_d"]?.compileStarted)))
    }

    /// dbt keeps the edges that pass through unselected nodes: with `-s edge_a edge_b` over
    /// edge_a -> edge_c -> edge_b, edge_b still starts only after edge_a is done.
    @Test func selectedNodesWaitForSelectedAncestorsThroughUnselectedOnes() throws {
        let project = try RunProject("shop")
        try Self.writeChain(in: project)
        try project.run(.run, select: ["edge_a+"])
        let (outcome, byID) = try project.run(.run, select: ["edge_a", "edge_b"])
        #expect(outcome.results.filter { $0.uniqueID.hasPrefix("model.") }.count == 2 && outcome.exitStatus == 0)
        #expect(try #require(byID["model.shop.edge_a"]?.executeCompleted) <= (try #require(byID["model.shop.edge_b"]?.compileStarted)))
    }

    @Test func leftoversOfAKilledRunAreClearedByTheNextOne() throws {
        let project = try RunProject("shop")
        try project.run()
        let warehouse = try project.sqlite()
        _ = try warehouse.execute("create table main.customers__weir_tmp (x integer); create table main.customers__weir_backup (y integer)")
        let (outcome, _) = try project.run()
        #expect(outcome.exitStatus == 0)
        #expect(try warehouse.relations(inSchema: "main").filter { $0.name.contains("__weir") }.isEmpty)
        #expect(try rows(warehouse, "select count(*) from customers") == [["3"]])
    }

    @Test func aSecondRunOnTheSameTargetIsRefused() throws {
        let project = try RunProject("shop")
        let lockPath = project.directory + "/target/shop.db.weir-lock"
        try FileManager.default.createDirectory(atPath: project.directory + "/target", withIntermediateDirectories: true)
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        #expect {
            try project.run()
        } throws: { error in
            (error as? Diagnostic)?.code == "W1401"
        }
    }

    @Test func thePlanRunAsAScriptLeavesTheWarehouseAsBuildDoes() throws {
        let built = try RunProject("shop")
        try built.run()
        let planned = try RunProject("shop")
        let script = try planned.plan()
        #expect(script.contains("-- model.shop.customers"))
        let warehouse = try planned.sqlite()
        _ = try warehouse.execute(script)
        let reference = try built.sqlite()
        for table in ["customers", "orders_incremental", "fragile", "raw_orders", "stg_orders", "after_fragile"] {
            #expect(try rows(warehouse, "select * from \(table) order by 1") == rows(reference, "select * from \(table) order by 1"))
        }
    }

    @Test func anOfflinePlanForPostgresLoadsSeedsWithCopy() throws {
        let project = try RunProject("shop")
        let script = try project.plan(dialect: "postgres")
        #expect(script.contains("copy \"main\".\"shop\".\"raw_orders__weir_tmp\"") || script.contains("from stdin with (format csv);"))
        #expect(script.contains("\n\\.\n"))
        #expect(script.contains("begin;\nalter table"))
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/shop.db"), "no connection was made")
    }

    /// The project builds, and its operation `analyze_tables` then analyzes every table built.
    @Test func theExampleProjectBuildsGreen() throws {
        let project = try RunProject("example")
        let (outcome, byID) = try project.run()
        #expect(outcome.exitStatus == 0)
        #expect(outcome.results.count > 90)
        #expect(outcome.results.allSatisfy { $0.status == .success || $0.status == .pass })

        let logged = Mutex<[String]>([])
        var configuration = project.workspace(command: "run-operation").configuration
        configuration.logSink = { line in logged.withLock { $0.append(line) } }
        let workspace = Workspace(configuration)
        let parsed = try workspace.parse()
        #expect(try workspace.runOperation("analyze_tables", arguments: ConfigMap(), in: parsed).exitStatus == 0)
        let tables = parsed.manifest.nodes.values.filter {
            byID[$0.uniqueID] != nil && ["table", "incremental", "seed", "snapshot"].contains($0.materialized)
        }
        #expect(tables.count > 5)
        #expect(Set(logged.withLock { $0 }) == Set(tables.map { "analyzed \"main\".\"\($0.alias)\"" }))
        let connection = try project.sqlite("music_streaming.db")
        defer { connection.close() }
        #expect(try rows(connection, "select count(distinct tbl) from main.sqlite_stat1").first?.first.flatMap { Int($0) } ?? 0 > 0)
    }
}
