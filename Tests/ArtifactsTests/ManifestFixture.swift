import Artifacts
import Foundation
import ProjectModel

/// An in-memory manifest with one of every resource kind the manifest holds: models (view,
/// versioned, ephemeral, incremental with freshness), a seed, singular and generic tests, a
/// snapshot, an analysis, a hook operation, a source, macros, docs, an exposure, a disabled
/// node and a selector.
enum ManifestFixture {
    static let package = "jaffle_shop"

    static func checksum(_ text: String) -> FileChecksum {
        FileChecksum(checksum: String(repeating: "0", count: 63) + String(text.count % 10))
    }

    static func node(
        _ type: ResourceType, _ name: String, id: String? = nil, path: String, raw: String = "select 1"
    ) -> ManifestNode {
        let directory: String
        switch type {
        case .seed: directory = "seeds"
        case .test: directory = "tests"
        case .snapshot: directory = "snapshots"
        case .analysis: directory = "analyses"
        default: directory = "models"
        }
        var node = ManifestNode(
            uniqueID: id ?? "\(type.rawValue).\(package).\(name)", resourceType: type, packageName: package,
            name: name, path: path, originalFilePath: "\(directory)/\(path)",
            fqn: [package] + path.split(separator: "/").dropLast().map(String.init) + [name], rawCode: raw,
            checksum: checksum(raw))
        node.database = "main"
        node.schema = "analytics"
        node.alias = name
        node.relationName = "\"main\".\"analytics\".\"\(name)\""
        return node
    }

    /// Every resource; `reversed` inserts them in the opposite order, which must not change a byte.
    static func manifest(reversed: Bool = false) -> Manifest {
        var manifest = Manifest(projectName: package, adapterType: "sqlite")
        manifest.quoting = configMap(["database": true, "schema": true, "identifier": true])
        manifest.selectors = configMap(["nightly": ["name": "nightly", "definition": "tag:nightly"]])
        let nodes = allNodes()
        for node in reversed ? nodes.reversed() : nodes { manifest.nodes[node.uniqueID] = node }

        var disabled = node(.model, "old_users", path: "legacy/old_users.sql")
        disabled.config = configMap(["enabled": false])
        manifest.disabled[disabled.uniqueID] = [disabled]

        let source = rawUsers()
        manifest.sources[source.uniqueID] = source
        let macros = [centsToDollars(), currentTimestamp()]
        for macro in reversed ? macros.reversed() : macros { manifest.macros[macro.uniqueID] = macro }
        let docs = [
            DocBlock(
                uniqueID: "doc.\(package).__overview__", name: "__overview__", packageName: package,
                path: "overview.md", originalFilePath: "models/overview.md",
                blockContents: "# Jaffle shop\nWelcome — «docs» 😀"),
            DocBlock(
                uniqueID: "doc.\(package).user_id", name: "user_id", packageName: package, path: "docs.md",
                originalFilePath: "models/docs.md", blockContents: "The user's id."),
        ]
        for doc in reversed ? docs.reversed() : docs { manifest.docs[doc.uniqueID] = doc }
        let exposure = weeklyDashboard()
        manifest.exposures[exposure.uniqueID] = exposure
        let (test, switchedOff) = unitTests()
        manifest.unitTests[test.uniqueID] = test
        manifest.disabledUnitTests[switchedOff.uniqueID] = switchedOff
        return manifest
    }

    /// A unit test with dict, csv and sql fixtures and overrides, and a disabled one.
    static func unitTests() -> (UnitTestDefinition, UnitTestDefinition) {
        var test = UnitTestDefinition(
            uniqueID: "unit_test.\(package).users.test_users", name: "test_users", model: "users",
            packageName: package, path: "unit_tests.yml", originalFilePath: "models/unit_tests.yml",
            fqn: [package, "users", "test_users"])
        test.description = "Users keep their ids"
        test.given = [
            UnitTestFixture(input: "ref('stg_users')", rows: .list([.map(configMap(["id": 1, "name": "ann"]))])),
            UnitTestFixture(input: "source('raw', 'users')", rows: .list([.map(configMap(["id": "2"]))]), format: "csv"),
            UnitTestFixture(input: "this", rows: "select 1 as id", format: "sql", fixture: "one_user"),
        ]
        test.expect = UnitTestFixture(rows: .list([.map(configMap(["id": 1]))]))
        test.overrides = configMap(["macros": ["is_incremental": true], "vars": [:], "env_vars": [:]])
        test.config = configMap(["tags": ["unit"], "meta": [:], "enabled": true, "static_analysis": .null])
        test.dependsOnNodes = ["model.\(package).users"]
        test.schema = "analytics"
        test.checksum = String(repeating: "a", count: 64)
        var switchedOff = test
        switchedOff.uniqueID = "unit_test.\(package).users.test_switched_off"
        switchedOff.name = "test_switched_off"
        switchedOff.config["enabled"] = false
        switchedOff.dependsOnNodes = []
        switchedOff.schema = nil
        return (test, switchedOff)
    }

    static func allNodes() -> [ManifestNode] {
        var stgUsers = node(
            .model, "stg_users", path: "staging/stg_users.sql",
            raw: "{{ config(materialized='table') }}\nselect * from {{ source('raw', 'users') }}")
        stgUsers.config = configMap([
            "materialized": "table", "tags": "staging", "meta": ["owner": "ana", "ratio": .double(0.1)],
            "post-hook": [
                "grant select on {{ this }} to reporter",
                ["sql": "analyze {{ this }}", "transaction": false],
            ],
            "pre_hook": "select 1", "docs": ["node_color": "#cd7f32"], "contract": ["enforced": true],
            "sort": "id", "+dist": "even",
        ])
        stgUsers.unrenderedConfig = configMap(["materialized": "table", "tags": "staging"])
        stgUsers.description = "Users, cleaned: \"quoted\", tab\there, Ünïcode ✓"
        var id = ColumnInfo(name: "id")
        id.dataType = "integer"
        id.description = "{{ doc('user_id') }}"
        id.constraints = [["type": "not_null"], ["type": "primary_key", "name": "pk_users"]]
        id.meta = configMap(["pii": false])
        var email = ColumnInfo(name: "email")
        email.dataType = "text"
        email.quote = true
        email.tags = ["pii"]
        email.config = configMap(["meta": ["masked": true], "custom": 1])
        stgUsers.columns = [id, email]
        stgUsers.patchPath = "\(package)://models/staging/schema.yml"
        stgUsers.sources = [SourceCall(sourceName: "raw", tableName: "users")]
        stgUsers.dependsOn = DependsOn(nodes: ["source.\(package).raw.users"])
        stgUsers.compiledCode = "select * from \"main\".\"raw\".\"users\""
        stgUsers.constraints = [["type": "check", "expression": "id > 0", "columns": ["id"]]]

        var ephemeral = node(.model, "int_active", path: "intermediate/int_active.sql")
        ephemeral.config = configMap(["materialized": "ephemeral"])
        ephemeral.relationName = nil
        ephemeral.refs = [RefCall(name: "stg_users")]
        ephemeral.dependsOn = DependsOn(nodes: ["model.\(package).stg_users"])

        var versions: [ManifestNode] = []
        for version in 1...2 {
            var dim = node(
                .model, "dim_users", id: "model.\(package).dim_users.v\(version)",
                path: "marts/dim_users_v\(version).sql")
            dim.fqn = [package, "marts", "dim_users", "v\(version)"]
            dim.alias = "dim_users_v\(version)"
            dim.version = .int(version)
            dim.latestVersion = .int(2)
            dim.access = "public"
            dim.group = "finance"
            dim.config = configMap(["materialized": "table", "access": "public", "group": "finance"])
            dim.refs = [RefCall(name: "int_active")]
            dim.dependsOn = DependsOn(
                macros: ["macro.\(package).cents_to_dollars"], nodes: ["model.\(package).int_active"])
            dim.compiledCode =
                "with __dbt__cte__int_active as (select 1) select * from __dbt__cte__int_active"
            dim.extraCTEs = [
                ExtraCTE(id: "model.\(package).int_active", sql: " __dbt__cte__int_active as (select 1)")
            ]
            dim.deprecationDate = version == 1 ? "2030-01-01T00:00:00" : nil
            versions.append(dim)
        }

        var orders = node(.model, "fct_orders", path: "marts/fct_orders.sql")
        orders.config = configMap([
            "materialized": "incremental", "unique_key": ["order_id", "line"],
            "incremental_strategy": "merge",
            "on_schema_change": "append_new_columns", "static_analysis": false,
            "freshness": ["build_after": ["count": 4, "period": "hour"]], "sort_columns": ["order_id"],
            "grants": ["select": ["reporter"]], "persist_docs": ["relation": true],
        ])
        orders.refs = [
            RefCall(name: "dim_users", version: .int(2)), RefCall(package: package, name: "raw_users"),
        ]
        orders.dependsOn = DependsOn(nodes: ["model.\(package).dim_users.v2", "seed.\(package).raw_users"])

        var seed = node(.seed, "raw_users", path: "raw_users.csv", raw: "")
        seed.config = configMap(["delimiter": ";", "column_types": ["id": "integer"], "quote_columns": true])
        seed.checksum = FileChecksum(name: "path", checksum: "seeds/raw_users.csv")

        var singular = node(.test, "assert_positive_ids", path: "assert_positive_ids.sql")
        singular.config = configMap(["severity": "warn"])
        singular.schema = "analytics_dbt_test__audit"
        singular.relationName = nil
        singular.refs = [RefCall(name: "stg_users")]
        singular.dependsOn = DependsOn(nodes: ["model.\(package).stg_users"])

        var generic = node(
            .test, "not_null_stg_users_id", id: "test.\(package).not_null_stg_users_id.e1b8a6bd4f",
            path: "not_null_stg_users_id.sql", raw: "{{ test_not_null(**_dbt_generic_test_kwargs) }}")
        generic.originalFilePath = "models/staging/schema.yml"
        generic.config = configMap(["store_failures": true, "where": "id > 0", "limit": 10])
        generic.schema = "analytics_dbt_test__audit"
        generic.relationName = nil
        generic.columnName = "id"
        generic.attachedNode = "model.\(package).stg_users"
        generic.fileKeyName = "models.stg_users"
        generic.testMetadata = TestMetadata(
            name: "not_null",
            kwargs: configMap(["column_name": "id", "model": "{{ get_where_subquery(ref('stg_users')) }}"]))
        generic.refs = [RefCall(name: "stg_users")]
        generic.dependsOn = DependsOn(
            macros: ["macro.dbt.test_not_null"], nodes: ["model.\(package).stg_users"])

        var accepted = node(
            .test, "accepted_values_stg_users_email",
            id: "test.\(package).accepted_values_stg_users_email.0a1b2c3d4e",
            path: "accepted_values_stg_users_email.sql")
        accepted.testMetadata = TestMetadata(
            name: "accepted_values",
            kwargs: configMap(["column_name": "email", "values": ["a", "b"], "quote": true]),
            namespace: "dbt")
        accepted.columnName = "email"
        accepted.dependsOn = DependsOn(nodes: ["model.\(package).stg_users"])

        var snapshot = node(.snapshot, "users_snapshot", path: "users_snapshot.sql")
        snapshot.config = configMap([
            "strategy": "timestamp", "unique_key": "id", "updated_at": "updated_at",
            "target_schema": "snapshots",
            "snapshot_meta_column_names": ["dbt_valid_to": "valid_to"],
            "dbt_valid_to_current": "'9999-12-31'",
        ])
        snapshot.sources = [SourceCall(sourceName: "raw", tableName: "users")]
        snapshot.dependsOn = DependsOn(nodes: ["source.\(package).raw.users"])

        var analysis = node(.analysis, "explore", path: "explore.sql")
        analysis.refs = [RefCall(name: "fct_orders")]
        analysis.dependsOn = DependsOn(nodes: ["model.\(package).fct_orders"])
        analysis.relationName = nil

        var hook = node(
            .operation, "jaffle_shop-on-run-start-0", id: "operation.\(package).\(package)-on-run-start-0",
            path: "hooks/\(package)-on-run-start-0.sql", raw: "create schema if not exists audit")
        hook.originalFilePath = "./dbt_project.yml"
        hook.fqn = [package, "hooks", "\(package)-on-run-start-0"]
        hook.hookIndex = 0
        hook.relationName = nil
        hook.dependsOn = DependsOn(macros: ["macro.dbt.current_timestamp"])

        return [stgUsers, ephemeral] + versions + [
            orders, seed, singular, generic, accepted, snapshot, analysis, hook,
        ]
    }

    static func rawUsers() -> SourceDefinition {
        var source = SourceDefinition(
            uniqueID: "source.\(package).raw.users", packageName: package, sourceName: "raw", name: "users",
            identifier: "users_v1", schema: "raw", path: "models/sources.yml",
            originalFilePath: "models/sources.yml",
            fqn: [package, "raw", "users"])
        source.database = "main"
        source.loader = "airbyte"
        source.loadedAtField = "_loaded_at"
        source.freshness = ["warn_after": ["count": 12, "period": "hour"], "error_after": nil]
        source.quoting = configMap(["identifier": false])
        source.external = [
            "location": "s3://bucket/users", "partitions": [["name": "day", "data_type": "date"], "month"],
        ]
        source.columns = [ColumnInfo(name: "id")]
        source.sourceMeta = configMap(["team": "data"])
        source.tags = ["raw"]
        source.config = configMap([
            "freshness": ["warn_after": ["count": 12, "period": "hour"]], "loaded_at_field": "_loaded_at",
        ])
        source.relationName = "\"main\".\"raw\".\"users_v1\""
        return source
    }

    static func centsToDollars() -> MacroInfo {
        var macro = MacroInfo(
            uniqueID: "macro.\(package).cents_to_dollars", name: "cents_to_dollars", packageName: package,
            path: "macros/cents_to_dollars.sql", originalFilePath: "macros/cents_to_dollars.sql",
            macroSQL: "{% macro cents_to_dollars(column) %}({{ column }} / 100.0){% endmacro %}")
        macro.dependsOn = ["macro.dbt.current_timestamp"]
        macro.description = "Cents → dollars"
        macro.meta = configMap(["since": .double(1.5)])
        macro.docsShow = false
        macro.patchPath = "\(package)://macros/schema.yml"
        macro.arguments = [["name": "column", "type": "string", "description": "the column"]]
        return macro
    }

    static func currentTimestamp() -> MacroInfo {
        MacroInfo(
            uniqueID: "macro.dbt.current_timestamp", name: "current_timestamp", packageName: "dbt",
            path: "macros/adapters/timestamps.sql", originalFilePath: "macros/adapters/timestamps.sql",
            macroSQL:
                "{% macro current_timestamp() %}{{ adapter.dispatch('current_timestamp', 'dbt')() }}{% endmacro %}"
        )
    }

    static func weeklyDashboard() -> Exposure {
        var exposure = Exposure(
            uniqueID: "exposure.\(package).weekly_dashboard", name: "weekly_dashboard", packageName: package,
            path: "exposures.yml", originalFilePath: "models/exposures.yml",
            fqn: [package, "weekly_dashboard"],
            type: "dashboard")
        exposure.ownerName = "Ana"
        exposure.ownerEmail = "ana@example.com"
        exposure.label = "Weekly"
        exposure.maturity = "high"
        exposure.url = "https://bi.example.com/1"
        exposure.refs = [RefCall(name: "fct_orders")]
        exposure.dependsOn = DependsOn(nodes: ["model.\(package).fct_orders"])
        exposure.config = configMap(["meta": ["tier": 1]])
        return exposure
    }

    /// A writer with every time and id pinned.
    static var writer: ManifestWriter {
        ManifestWriter(
            metadata: ArtifactMetadata(
                dbtVersion: "1.11.0", generatedAt: Date(timeIntervalSince1970: 1_718_034_000.035617),
                invocationID: "0f6a8d2e-3b1c-4f5e-9a7d-2c4b6e8f0a1b",
                invocationStartedAt: Date(timeIntervalSince1970: 1_718_033_990.5), env: ["TEAM": "data"]),
            runStartedAt: Date(timeIntervalSince1970: 1_718_033_991),
            packageRoots: [package: "/srv/jaffle_shop"])
    }
}

/// A `ConfigMap` written as a literal (`ConfigValue` has the literal syntax, `ConfigMap` does not).
func configMap(_ value: ConfigValue) -> ConfigMap { value.mapValue ?? ConfigMap() }
