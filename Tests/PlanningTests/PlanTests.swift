import Diagnostics
import Foundation
import Planning
import ProjectModel
import SQLDialect
import Testing
import Warehouse

/// Golden tables: one materialization case, its plan printed for each dialect. The expected
/// scripts live in `Golden/<case>.<dialect>.sql`; set WEIR_UPDATE_GOLDEN=1 to rewrite them
/// after a deliberate change (and read the diff).
@Suite struct PlanGoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var input: NodeInput
        var facts: RelationFacts
        var fullRefresh = false
        var description: String { name }
    }

    static func model(_ name: String, _ materialized: String, config: [(String, ConfigValue)] = [], type: ResourceType = .model)
        -> ManifestNode
    {
        var node = ManifestNode(
            uniqueID: "\(type.rawValue).shop.\(name)", resourceType: type, packageName: "shop", name: name,
            path: "\(name).sql", originalFilePath: "models/\(name).sql", fqn: ["shop", name], rawCode: "",
            checksum: FileChecksum(checksum: ""))
        node.config = ConfigMap([("materialized", .string(materialized))] + config)
        node.database = "warehouse"
        node.schema = "analytics"
        node.alias = name
        return node
    }

    static let query = "select id, amount from \"warehouse\".\"analytics\".\"stg_orders\""
    static let existingTable = RelationFacts(
        existing: .table, columns: [ColumnDescription(name: "id", dataType: "integer"), ColumnDescription(name: "amount", dataType: "numeric")])

    /// A daily microbatch model with two batches, 2024-03-01 and 2024-03-02, and a post-hook.
    static let microbatchInput: NodeInput = {
        let node = model(
            "orders", "incremental",
            config: [
                ("incremental_strategy", "microbatch"), ("event_time", "ordered_at"), ("batch_size", "day"),
                ("begin", "2024-03-01"),
            ])
        var input = NodeInput(node: node, postHooks: ["analyze orders"])
        input.batches = [("2024-03-01", "2024-03-02"), ("2024-03-02", "2024-03-03")].map { start, end in
            BatchInput(
                window: BatchWindow(start: EventTime.parse(start)!, end: EventTime.parse(end)!),
                compiledSQL: "select id, amount from stg_orders where ordered_at >= '\(start)'")
        }
        return input
    }()

    /// `customers` with an enforced contract: two columns with column constraints, a model-level
    /// primary key and a named check, and a foreign key whose `to` the compiler resolved.
    static func contracted(_ materialized: String, config: [(String, ConfigValue)] = []) -> ManifestNode {
        var node = model("customers", materialized, config: [("contract", ["enforced": true])] + config)
        var id = ColumnInfo(name: "id")
        id.dataType = "integer"
        id.constraints = [["type": "not_null"], ["type": "check", "expression": "id > 0"]]
        var name = ColumnInfo(name: "Name")
        name.dataType = "string"
        name.quote = true
        name.constraints = [["type": "unique"]]
        var region = ColumnInfo(name: "region_id")
        region.dataType = "bigint"
        region.constraints = [["type": "foreign_key", "to": "ref('regions')", "to_columns": ["id"]]]
        node.columns = [id, name, region]
        node.constraints = [
            ["type": "primary_key", "columns": ["id"]], ["type": "check", "name": "named_region", "expression": "region_id <> 0"],
        ]
        node.foreignKeyTargets = ["ref('regions')": "\"regions\""]
        return node
    }

    static let contractQuery = "select id, \"Name\", region_id from \"warehouse\".\"analytics\".\"stg_customers\""

    static let cases: [Case] = [
        Case(name: "table_with_contract", input: NodeInput(node: contracted("table"), compiledSQL: contractQuery), facts: .absent),
        Case(
            name: "table_with_contract_replacing_table",
            input: NodeInput(node: contracted("table", config: [("sql_header", "set search_path = analytics;")]), compiledSQL: contractQuery),
            facts: RelationFacts(existing: .table)),
        Case(
            name: "incremental_with_contract_first_run",
            input: NodeInput(node: contracted("incremental", config: [("on_schema_change", "append_new_columns")]), compiledSQL: contractQuery),
            facts: .absent),
        Case(
            name: "incremental_with_contract",
            input: NodeInput(node: contracted("incremental", config: [("on_schema_change", "append_new_columns")]), compiledSQL: contractQuery),
            facts: RelationFacts(existing: .table, columns: [
                ColumnDescription(name: "id", dataType: "integer"), ColumnDescription(name: "Name", dataType: "text"),
                ColumnDescription(name: "region_id", dataType: "bigint"),
            ])),
        Case(name: "view_with_contract", input: NodeInput(node: contracted("view"), compiledSQL: contractQuery), facts: .absent),
        Case(name: "view_new", input: NodeInput(node: model("orders", "view"), compiledSQL: query), facts: .absent),
        Case(
            name: "view_replacing_view",
            input: NodeInput(node: model("orders", "view"), compiledSQL: query, preHooks: ["select 1"], postHooks: ["select 2"]),
            facts: RelationFacts(existing: .view)),
        Case(
            name: "view_replacing_table_with_leftovers", input: NodeInput(node: model("orders", "view"), compiledSQL: query),
            facts: RelationFacts(existing: .table, leftovers: [("orders__weir_tmp", .view), ("orders__weir_backup", .table)])),
        Case(
            name: "table_with_header_grants_docs_indexes",
            input: NodeInput(
                node: {
                    var node = model(
                        "orders", "table",
                        config: [
                            ("sql_header", "set local work_mem = '64MB';"),
                            ("grants", ["select": ["reporter"]]),
                            ("persist_docs", ["relation": true, "columns": true]),
                            (
                                "indexes",
                                [
                                    ["columns": ["id"], "unique": true], ["columns": ["amount"], "type": "hash"],
                                    ["columns": ["id"], "where": "amount > 0"],
                                ]
                            ),
                        ])
                    node.description = "One row per order's"
                    var column = ColumnInfo(name: "id")
                    column.description = "The order"
                    node.columns = [column]
                    return node
                }(), compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_first_run", input: NodeInput(node: model("orders", "incremental"), compiledSQL: query),
            facts: .absent),
        Case(
            name: "incremental_append", input: NodeInput(node: model("orders", "incremental"), compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_delete_insert",
            input: NodeInput(
                node: model(
                    "orders", "incremental",
                    config: [("unique_key", ["id", "amount"]), ("incremental_predicates", ["DBT_INTERNAL_DEST.id > 10"])]),
                compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_merge",
            input: NodeInput(
                node: model(
                    "orders", "incremental",
                    config: [("incremental_strategy", "merge"), ("unique_key", "id"), ("merge_exclude_columns", ["id"])]),
                compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_full_refresh", input: NodeInput(node: model("orders", "incremental"), compiledSQL: query),
            facts: existingTable, fullRefresh: true),
        Case(
            name: "incremental_append_new_columns",
            input: NodeInput(
                node: model("orders", "incremental", config: [("on_schema_change", "append_new_columns")]),
                compiledSQL: query),
            facts: {
                var facts = existingTable
                facts.queryColumns = facts.columns + [ColumnDescription(name: "status", dataType: "text")]
                return facts
            }()),
        Case(
            name: "incremental_sync_all_columns",
            input: NodeInput(
                node: model("orders", "incremental", config: [("on_schema_change", "sync_all_columns")]),
                compiledSQL: query),
            facts: {
                var facts = existingTable
                facts.queryColumns = [ColumnDescription(name: "id", dataType: "bigint"), ColumnDescription(name: "status", dataType: "text")]
                return facts
            }()),
        Case(
            name: "incremental_insert_overwrite",
            input: NodeInput(
                node: model("orders", "incremental", config: [("incremental_strategy", "insert_overwrite"), ("partition_by", "amount")]),
                compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_open_sessions",
            input: NodeInput(
                node: model(
                    "orders", "incremental",
                    config: [("incremental_strategy", "open_sessions"), ("unique_key", "id"), ("event_time", "amount")]),
                compiledSQL: query),
            facts: existingTable),
        Case(
            name: "incremental_open_sessions_with_keys_to_rebuild",
            input: {
                var input = NodeInput(
                    node: model(
                        "orders", "incremental",
                        config: [("incremental_strategy", "open_sessions"), ("unique_key", "id"), ("event_time", "amount")]),
                    compiledSQL: query + " where id in (select id from \"orders__weir_keys\")", preHooks: ["select 1"])
                input.preparation = [
                    "drop table if exists \"orders__weir_keys\"",
                    "create temporary table \"orders__weir_keys\" as (select id from \"warehouse\".\"analytics\".\"stg_orders\")",
                    "analyze \"orders__weir_keys\"",
                ]
                return input
            }(),
            facts: existingTable),
        Case(name: "microbatch_first_run", input: microbatchInput, facts: RelationFacts(queryColumns: existingTable.columns)),
        Case(name: "microbatch_incremental", input: microbatchInput, facts: existingTable),
        Case(
            name: "seed_new",
            input: NodeInput(
                node: model("countries", "seed", type: .seed), seed: SeedInput(
                    columns: [("code", "text"), ("Population", "integer")],
                    rows: [[.text("FR"), .integer(68_000_000)], [.text("It's \"quoted\", with a comma"), .null]])),
            facts: .absent),
        Case(
            name: "seed_reload_same_columns",
            input: NodeInput(
                node: model("countries", "seed", config: [("quote_columns", false)], type: .seed),
                seed: SeedInput(columns: [("code", "text")], rows: [[.text("FR")], [.text("")]])),
            facts: RelationFacts(existing: .table, columns: [ColumnDescription(name: "code", dataType: "text")])),
        Case(
            name: "test_with_limit_and_conditions",
            input: NodeInput(
                node: model(
                    "not_null_orders_id", "test",
                    config: [("fail_calc", "count(*)"), ("warn_if", "> 10"), ("error_if", "> 100"), ("limit", 500)],
                    type: .test),
                compiledSQL: "select id from orders where id is null"),
            facts: .absent),
        Case(
            name: "test_storing_failures",
            input: NodeInput(
                node: model("not_null_orders_id", "test", config: [("store_failures", true)], type: .test),
                compiledSQL: "select id from orders where id is null"),
            facts: RelationFacts(existing: .table)),
    ]

    /// A snapshot of `stg_orders`, with stand-ins for the macros the compiler renders.
    static func snapshot(_ config: [(String, ConfigValue)]) -> NodeInput {
        var node = model("orders_snapshot", "snapshot", config: config, type: .snapshot)
        node.config["materialized"] = "snapshot"
        var input = NodeInput(node: node, compiledSQL: query, preHooks: ["select 1"])
        input.snapshotMacros = SnapshotMacros(time: { "now()" }, hash: { "md5(" + $0.joined(separator: " || '|' || ") + ")" })
        return input
    }

    static let snapshotCases: [Case] = [
        Case(
            name: "snapshot_first_run",
            input: snapshot([("strategy", "timestamp"), ("unique_key", "id"), ("updated_at", "updated_at")]),
            facts: .absent),
        Case(
            name: "snapshot_timestamp_invalidating_deletes",
            input: snapshot([("strategy", "timestamp"), ("unique_key", "id"), ("updated_at", "updated_at"), ("hard_deletes", "invalidate")]),
            facts: RelationFacts(
                existing: .table,
                columns: ["id", "amount", "updated_at", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"].map {
                    ColumnDescription(name: $0, dataType: "")
                },
                queryColumns: ["id", "amount", "updated_at"].map { ColumnDescription(name: $0, dataType: "") })),
        Case(
            // A composite key, renamed meta columns, new records for deletions, a far-future
            // valid_to, and a column the query gained (every current row gets a new version).
            name: "snapshot_check_all_new_record",
            input: snapshot([
                ("strategy", "check"), ("check_cols", "all"), ("unique_key", ["region", "id"]), ("hard_deletes", "new_record"),
                ("dbt_valid_to_current", "'9999-12-31'"), ("snapshot_meta_column_names", ["dbt_scd_id": "scd_id", "dbt_is_deleted": "deleted"]),
            ]),
            facts: RelationFacts(
                existing: .table,
                columns: ["region", "id", "amount", "scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "deleted"].map {
                    ColumnDescription(name: $0, dataType: "")
                },
                queryColumns: [("region", "text"), ("id", "integer"), ("amount", "numeric"), ("note", "text")].map {
                    ColumnDescription(name: $0, dataType: $1)
                })),
    ]

    /// An existing materialized view with one index, a hash index on `customer`.
    static let materializedViewWithHashIndex: RelationFacts = {
        var facts = RelationFacts(existing: .materializedView)
        facts.indexes = [
            ExistingIndex(name: "orders_customer_idx", definition: IndexDefinition(columns: ["customer"], unique: false, method: "hash"))
        ]
        return facts
    }()

    /// `orders` as a materialized view with a unique index on `id` (PostgreSQL only).
    static let materializedViewCases: [Case] = {
        let input = NodeInput(
            node: model("orders", "materialized_view", config: [("indexes", [["columns": ["id"], "unique": true]])]), compiledSQL: query,
            postHooks: ["analyze orders"])
        var refreshed = RelationFacts(existing: .materializedView)
        refreshed.indexes = [
            ExistingIndex(name: "orders_id_idx", definition: IndexDefinition(columns: ["id"], unique: true, method: "btree"))
        ]
        return [
            Case(name: "materialized_view_create", input: input, facts: .absent),
            Case(name: "materialized_view_refresh", input: input, facts: refreshed),
            Case(name: "materialized_view_indexes_changed", input: input, facts: materializedViewWithHashIndex),
            Case(name: "materialized_view_full_refresh", input: input, facts: refreshed, fullRefresh: true),
            Case(name: "materialized_view_over_table", input: input, facts: existingTable),
        ]
    }()

    @Test(arguments: cases + snapshotCases, ["postgres", "sqlite"])
    func planMatchesGolden(_ testCase: Case, dialectName: String) throws {
        try expectGolden(testCase, dialectName: dialectName)
    }

    @Test(arguments: materializedViewCases)
    func materializedViewPlanMatchesGolden(_ testCase: Case) throws {
        try expectGolden(testCase, dialectName: "postgres")
    }

    func expectGolden(_ testCase: Case, dialectName: String) throws {
        let dialect = try #require(SQLDialect.named(dialectName))
        let planner = Planner(dialect: dialect, fullRefresh: testCase.fullRefresh)
        let plan = try planner.plan(testCase.input, facts: testCase.facts)
        let script = try PlanScript(plan: ExecutionPlan(dialect: dialect, nodes: [plan])).render()
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/\(testCase.name).\(dialectName).sql")
        if ProcessInfo.processInfo.environment["WEIR_UPDATE_GOLDEN"] == "1" {
            try script.write(to: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(script == expected)
    }
}

@Suite struct PlannerRulesTests {
    @Test func ephemeralModelsHaveNoStatements() throws {
        let plan = try Planner(dialect: .postgres).plan(
            NodeInput(node: PlanGoldenTests.model("base", "ephemeral"), compiledSQL: "select 1"), facts: .absent)
        #expect(plan.steps.isEmpty)
    }

    @Test func schemaChangeFailsWhenAsked() throws {
        var facts = PlanGoldenTests.existingTable
        facts.queryColumns = [ColumnDescription(name: "id", dataType: "integer")]
        let input = NodeInput(
            node: PlanGoldenTests.model("orders", "incremental", config: [("on_schema_change", "fail")]), compiledSQL: "select 1")
        #expect(throws: (any Error).self) { try Planner(dialect: .sqlite).plan(input, facts: facts) }
    }

    @Test func deleteInsertWithoutKeyIsRejected() throws {
        let input = NodeInput(
            node: PlanGoldenTests.model("orders", "incremental", config: [("incremental_strategy", "delete+insert")]),
            compiledSQL: "select 1")
        #expect(throws: (any Error).self) { try Planner(dialect: .postgres).plan(input, facts: PlanGoldenTests.existingTable) }
    }

    @Test func unknownMaterializationIsRejected() throws {
        let input = NodeInput(node: PlanGoldenTests.model("orders", "my_materialization"), compiledSQL: "select 1")
        #expect(throws: (any Error).self) { try Planner(dialect: .postgres).plan(input, facts: .absent) }
    }

    /// When a materialized view's indexes differ from its config, `continue` leaves it with a
    /// warning and dbt's `skip` response, `fail` fails; SQLite has none (W1312).
    @Test func materializedViewConfigurationChanges() throws {
        let facts = PlanGoldenTests.materializedViewWithHashIndex
        func input(_ onChange: String) -> NodeInput {
            NodeInput(
                node: PlanGoldenTests.model(
                    "orders", "materialized_view",
                    config: [("on_configuration_change", .string(onChange)), ("indexes", [["columns": ["id"]]])]),
                compiledSQL: "select 1")
        }
        let left = try Planner(dialect: .postgres).plan(input("continue"), facts: facts)
        guard case .report(let message, let code)? = left.steps.last else { Issue.record("\(left.steps)"); return }
        #expect(message == "skip \"warehouse\".\"analytics\".\"orders\"" && code == "skip")
        #expect(left.warnings.map(\.code) == ["W1311"])
        #expect(throws: (any Error).self) { try Planner(dialect: .postgres).plan(input("fail"), facts: facts) }
        #expect(throws: (any Error).self) { try Planner(dialect: .postgres).plan(input("sometimes"), facts: facts) }
        #expect(throws: (any Error).self) { try Planner(dialect: .sqlite).plan(input("apply"), facts: .absent) }
    }

    /// A snapshot that cannot run says why (W1309), before anything is planned.
    @Test(arguments: [
        ([("unique_key", "id"), ("updated_at", "u")], "it has no strategy"),
        ([("strategy", "timestamp"), ("updated_at", "u")], "it has no unique_key"),
        ([("strategy", "timestamp"), ("unique_key", "id")], "its timestamp strategy has no updated_at"),
        ([("strategy", "check"), ("unique_key", "id")], "its check strategy has no check_cols"),
        ([("strategy", "check"), ("unique_key", "id"), ("check_cols", "status")], "its check strategy has no check_cols"),
        ([("strategy", "my_pkg.custom"), ("unique_key", "id")], "its strategy 'my_pkg.custom' is not one Weir runs"),
        (
            [("strategy", "timestamp"), ("unique_key", "id"), ("updated_at", "u"), ("invalidate_hard_deletes", true), ("hard_deletes", "ignore")],
            "it sets both invalidate_hard_deletes and hard_deletes"
        ),
        ([("strategy", "timestamp"), ("unique_key", "id"), ("updated_at", "u"), ("hard_deletes", "purge")], "its hard_deletes is not ignore"),
    ] as [([(String, ConfigValue)], String)])
    func invalidSnapshotsAreRejected(_ config: [(String, ConfigValue)], problem: String) throws {
        let input = PlanGoldenTests.snapshot(config)
        do {
            _ = try Planner(dialect: .postgres).plan(input, facts: .absent)
            Issue.record("planned: \(config)")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W1309")
            #expect(diagnostic.message.contains("snapshot 'orders_snapshot' cannot run: \(problem)"), "\(diagnostic.message)")
        }
    }

    /// A snapshot's relation that is a view, or a table without the snapshot's columns, is not
    /// touched (W1310).
    @Test func aRelationThatIsNotASnapshotTableIsRefused() throws {
        let input = PlanGoldenTests.snapshot([("strategy", "timestamp"), ("unique_key", "id"), ("updated_at", "updated_at")])
        let notSnapshots = [
            RelationFacts(existing: .view),
            RelationFacts(existing: .table, columns: [ColumnDescription(name: "id", dataType: "integer")], queryColumns: []),
        ]
        for facts in notSnapshots {
            #expect(throws: Diagnostic.self) { try Planner(dialect: .postgres).plan(input, facts: facts) }
        }
    }

    @Test func fullRefreshConfigOverridesTheFlag() throws {
        let input = NodeInput(
            node: PlanGoldenTests.model("orders", "incremental", config: [("full_refresh", false)]), compiledSQL: "select 1")
        let plan = try Planner(dialect: .postgres, fullRefresh: true).plan(input, facts: PlanGoldenTests.existingTable)
        #expect(plan.steps.contains { if case .statement(let sql, _) = $0 { return sql.hasPrefix("insert into") } else { return false } })
    }

    /// A suffixed relation fits the warehouse's identifier limit, the name cut (on a character
    /// boundary) before the suffix, as dbt's `make_relation_with_suffix` cuts it.
    @Test func suffixedNamesFitTheIdentifierLimit() {
        let long = RelationName(database: "db", schema: "s", identifier: String(repeating: "é", count: 40))
        let temporary = SQLDialect.postgres.suffixed(long, "__weir_tmp")
        #expect(temporary.identifier.utf8.count <= 63)
        #expect(temporary.identifier == String(repeating: "é", count: 26) + "__weir_tmp")
        #expect(SQLDialect.postgres.stored(long.identifier) == String(repeating: "é", count: 31))
        #expect(SQLDialect.sqlite.suffixed(long, "__weir_tmp").identifier == long.identifier + "__weir_tmp")
        #expect(SQLDialect.postgres.suffixed(RelationName(database: nil, schema: "s", identifier: "short"), "__weir_tmp").identifier == "short__weir_tmp")
    }
}
