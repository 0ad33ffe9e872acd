import Foundation
import ProjectModel
import Testing

@testable import Artifacts

@Suite struct ManifestWriterTests {
    /// The whole fixture (every node kind, source, macro, doc, exposure, disabled node) written,
    /// then checked by Python's `jsonschema` against dbt's published manifest v12 schema, and for
    /// dbt's key order in every object. Fails, never skips, without python3 + jsonschema.
    @Test func validatesAgainstDbtsManifestSchema() throws {
        let bytes = ManifestFixture.writer.document(for: ManifestFixture.manifest()).serializedBytes()
        let result = try Python.validate(bytes, schema: "manifest-v12.json")
        #expect(result.valid, "\(result.report)")
    }

    /// The validator is not vacuous: a wrong enum value, a misplaced key and an unknown
    /// metadata field are each reported.
    @Test func validatorRejectsWhatDbtWouldNotWrite() throws {
        let document = ManifestFixture.writer.document(for: ManifestFixture.manifest())
        var root = try #require(document.objectValue)
        var nodes = try #require(root["nodes"]?.objectValue)
        var model = try #require(nodes["model.jaffle_shop.stg_users"]?.objectValue)
        model["access"] = "secret"
        let schema = model["schema"]
        model["schema"] = nil
        model["schema"] = schema
        nodes["model.jaffle_shop.stg_users"] = .object(model)
        root["nodes"] = .object(nodes)
        let invalid = try Python.validate(
            JSONValue.object(root).serializedBytes(), schema: "manifest-v12.json")
        #expect(!invalid.valid)
        #expect(invalid.report.contains("'secret' is not one of"), "\(invalid.report)")

        model["access"] = "public"
        nodes["model.jaffle_shop.stg_users"] = .object(model)
        root["nodes"] = .object(nodes)
        let misordered = try Python.validate(
            JSONValue.object(root).serializedBytes(), schema: "manifest-v12.json")
        #expect(!misordered.valid)
        #expect(misordered.report.contains("not in dbt's order"), "\(misordered.report)")
    }

    @Test func writesTheSameBytesWhateverTheInsertionOrder() {
        let first = ManifestFixture.writer.document(for: ManifestFixture.manifest()).serializedBytes()
        let second = ManifestFixture.writer.document(for: ManifestFixture.manifest(reversed: true))
            .serializedBytes()
        let third = ManifestFixture.writer.serialized(ManifestFixture.manifest())
        #expect(first == second)
        #expect(first == Array(third.utf8))
    }

    /// Large maps are built and written in parallel chunks; the bytes must not change.
    @Test func writesALargeManifestAsItsDocument() throws {
        var manifest = ManifestFixture.manifest()
        for number in (0..<3_000).reversed() {
            let node = ManifestFixture.node(.model, "model_\(number)", path: "bulk/model_\(number).sql")
            manifest.nodes[node.uniqueID] = node
        }
        let streamed = ManifestFixture.writer.serializedBytes(for: manifest)
        let document = ManifestFixture.writer.document(for: manifest)
        #expect(streamed == document.serializedBytes())
        let nodes = try #require(document["nodes"]?.objectValue)
        #expect(nodes.count == manifest.nodes.count)
        #expect(nodes.keys == nodes.keys.sorted(by: codePointOrder))
    }

    /// The pieces of a large manifest, written one after the other, are its bytes; the layout
    /// finds each node's entry and the metadata in them (a later compile replaces those ranges).
    @Test func piecesAndLayoutLocateEveryNode() throws {
        var manifest = ManifestFixture.manifest()
        for number in 0..<1_500 {
            let node = ManifestFixture.node(.model, "model_\(number)", path: "bulk/model_\(number).sql")
            manifest.nodes[node.uniqueID] = node
        }
        let writer = ManifestFixture.writer
        var pieces: [[UInt8]] = []
        let layout = try writer.write(manifest, recordingRanges: true) { pieces.append($0) }
        #expect(pieces.count > 3)
        let bytes = Array(pieces.joined())
        #expect(bytes == writer.serializedBytes(for: manifest))
        #expect(layout.nodeEntries.count == manifest.nodes.count)
        for ((id, node), range) in zip(manifest.nodes, layout.nodeEntries) {
            #expect(Array(bytes[range]) == writer.nodeMemberBytes(node), "\(id)")
        }
        #expect(Array(bytes[layout.metadata]) == writer.metadataBytes(for: manifest))
    }

    /// A node is written straight to bytes; what it writes is its document's text, a column
    /// declared twice included (the later replaces the earlier in place, as in a Python dict).
    @Test func writesANodeAsItsDocument() throws {
        for var node in ManifestFixture.allNodes() {
            var first = ColumnInfo(name: "id")
            first.description = "first"
            var again = ColumnInfo(name: "id")
            again.description = "again"
            node.columns += [first, ColumnInfo(name: "other"), again]
            let written = ManifestFixture.writer.nodeMemberBytes(node)
            var expected: [UInt8] = []
            JSONValue.writeString(node.uniqueID, to: &expected)
            expected += Array(": ".utf8) + ManifestFixture.writer.nodeObject(node).serializedBytes()
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            let columns = try #require(ManifestFixture.writer.nodeObject(node)["columns"]?.objectValue)
            var names: [String] = []
            for column in node.columns where !names.contains(column.name) { names.append(column.name) }
            #expect(columns.keys == names)
            #expect(columns["id"]?["description"] == "again")
        }
    }

    /// Python sorts by code point: `Z` < `a` < `ab` < `é` (U+00E9) < `ｚ` (U+FF5A) < `😀`.
    @Test func sortsKeysByCodePoint() {
        let expected = ["Z", "a", "ab", "é", "ｚ", "😀"]
        #expect(expected.reversed().sorted(by: codePointOrder) == expected)
        #expect(!codePointOrder("a", "a"))
        #expect(codePointOrder("", "a"))
        let keys = ["é", "a", "", "Z", "ab", "😀", "a", "ｚ"]
        #expect(codePointSortedPositions(keys) == [2, 3, 1, 6, 4, 0, 7, 5])
        #expect(codePointSortedPositions(["", ""]) == [0, 1])
        #expect(codePointSortedPositions([String]()) == [])
    }

    @Test func writesTopLevelKeysInDbtsOrder() throws {
        let document = ManifestFixture.writer.document(for: ManifestFixture.manifest())
        #expect(
            document.objectValue?.keys == [
                "metadata", "nodes", "sources", "macros", "docs", "exposures", "metrics", "groups",
                "selectors",
                "disabled", "parent_map", "child_map", "group_map", "saved_queries", "semantic_models",
                "unit_tests",
                "functions",
            ])
        let nodes = try #require(document["nodes"]?.objectValue)
        #expect(nodes.keys == nodes.keys.sorted(by: codePointOrder))
    }

    @Test func writesMetadataWithPinnedTimesAndTheProjectsMD5() throws {
        let document = ManifestFixture.writer.document(for: ManifestFixture.manifest())
        let metadata = try #require(document["metadata"])
        #expect(
            metadata.serialized()
                == #"{"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "#
                + #""dbt_version": "1.11.0", "generated_at": "2024-06-10T15:40:00.035617Z", "#
                + #""invocation_id": "0f6a8d2e-3b1c-4f5e-9a7d-2c4b6e8f0a1b", "#
                + #""invocation_started_at": "2024-06-10T15:39:50.500000+00:00", "env": {"TEAM": "data"}, "#
                + #""project_name": "jaffle_shop", "project_id": "06e5b98c2db46f8a72cc4f66410e9b3b", "#
                + #""user_id": null, "send_anonymous_usage_stats": false, "adapter_type": "sqlite", "#
                + #""quoting": {"database": true, "schema": true, "identifier": true, "column": null}, "#
                + #""run_started_at": "2024-06-10T15:39:51+00:00"}"#)
    }

    /// A model with nothing set gets exactly dbt 1.11's `ModelConfig` defaults.
    @Test func fillsModelConfigDefaults() throws {
        let config = try config(of: ManifestFixture.node(.model, "bare", path: "bare.sql"))
        #expect(
            config
                == #"{"enabled": true, "alias": null, "schema": null, "database": null, "tags": [], "meta": {}, "#
                + #""group": null, "static_analysis": null, "materialized": "view", "incremental_strategy": null, "#
                + #""batch_size": null, "lookback": 1, "begin": null, "persist_docs": {}, "post-hook": [], "#
                + #""pre-hook": [], "quoting": {}, "column_types": {}, "full_refresh": null, "unique_key": null, "#
                + #""on_schema_change": "ignore", "on_configuration_change": "apply", "grants": {}, "packages": [], "#
                + #""docs": {"show": true, "node_color": null}, "contract": {"enforced": false, "alias_types": true}, "#
                + #""event_time": null, "concurrent_batches": null, "access": "protected", "freshness": null}"#
        )
    }

    @Test func fillsTestConfigDefaults() throws {
        let config = try config(of: ManifestFixture.node(.test, "bare", path: "bare.sql"))
        #expect(
            config
                == #"{"enabled": true, "alias": null, "schema": "dbt_test__audit", "database": null, "tags": [], "#
                + #""meta": {}, "group": null, "static_analysis": null, "materialized": "test", "severity": "ERROR", "#
                + #""store_failures": null, "store_failures_as": null, "where": null, "#
                + #""limit": null, "fail_calc": "count(*)", "warn_if": "!= 0", "error_if": "!= 0"}"#)
    }

    @Test func fillsSeedAndSnapshotConfigDefaultsInPlace() throws {
        let seed = try #require(
            nodeObject(ManifestFixture.node(.seed, "s", path: "s.csv"))["config"]?.objectValue)
        #expect(seed["materialized"] == "seed")
        #expect(Array(seed.keys.suffix(2)) == ["delimiter", "quote_columns"])
        #expect(seed.keys.firstIndex(of: "materialized") == 8)
        let snapshot = try #require(
            nodeObject(ManifestFixture.node(.snapshot, "s", path: "s.sql"))["config"]?.objectValue)
        #expect(snapshot["materialized"] == "snapshot")
        #expect(
            snapshot["snapshot_meta_column_names"]
                == [
                    "dbt_valid_to": nil, "dbt_valid_from": nil, "dbt_scd_id": nil, "dbt_updated_at": nil,
                    "dbt_is_deleted": nil,
                ])
    }

    /// Set values replace defaults in place; hooks become `{sql, transaction, index}` whatever
    /// their spelling; keys dbt does not know follow, in their order.
    @Test func laysSetValuesOverDefaultsAndKeepsExtraKeysLast() throws {
        let stgUsers = try #require(ManifestFixture.allNodes().first)
        let config = try #require(nodeObject(stgUsers)["config"]?.objectValue)
        #expect(config["materialized"] == "table")
        #expect(config["tags"] == ["staging"])
        #expect(
            config["post-hook"]
                == [
                    ["sql": "grant select on {{ this }} to reporter", "transaction": true, "index": nil],
                    ["sql": "analyze {{ this }}", "transaction": false, "index": nil],
                ])
        #expect(config["pre-hook"] == [["sql": "select 1", "transaction": true, "index": nil]])
        #expect(config["pre_hook"] == nil)
        #expect(config["docs"] == ["show": true, "node_color": "#cd7f32"])
        #expect(config["contract"] == ["enforced": true, "alias_types": true])
        #expect(Array(config.keys.suffix(2)) == ["sort", "+dist"])
        let node = nodeObject(stgUsers)
        #expect(node["contract"] == ["enforced": true, "alias_types": true, "checksum": nil])
        #expect(node["docs"] == ["show": true, "node_color": "#cd7f32"])
        #expect(node["compiled"] == true)
    }

    @Test func parsesHooksWrittenAsJSONObjectsAsDbtDoes() throws {
        var node = ManifestFixture.node(.model, "m", path: "m.sql")
        node.config = configMap(["post-hook": #"{"sql": "vacuum", "transaction": false}"#])
        let config = try #require(nodeObject(node)["config"]?.objectValue)
        #expect(config["post-hook"] == [["sql": "vacuum", "transaction": false, "index": nil]])
    }

    @Test func normalisesModelFreshnessAndStaticAnalysis() throws {
        let orders = try #require(ManifestFixture.allNodes().first { $0.name == "fct_orders" })
        let config = try #require(nodeObject(orders)["config"]?.objectValue)
        #expect(config["freshness"] == ["build_after": ["count": 4, "period": "hour", "updates_on": "any"]])
        #expect(config.keys.last == "sort_columns")
        #expect(config["static_analysis"] == "off")
        #expect(config["unique_key"] == ["order_id", "line"])
        var scrubbed = orders
        scrubbed.config = configMap(["freshness": ["warn_after": ["count": 1]]])
        #expect(nodeObject(scrubbed)["config"]?["freshness"] == nil as JSONValue)
    }

    @Test func leavesCompiledFieldsOutOfNodesThatWereNotCompiled() throws {
        let node = nodeObject(ManifestFixture.node(.model, "m", path: "m.sql"))
        let keys = try #require(node.objectValue?.keys)
        for key in ["compiled", "compiled_code", "extra_ctes_injected", "extra_ctes"] {
            #expect(!keys.contains(key))
        }
        for key in ["config_call_dict", "unrendered_config_call_dict", "_pre_injected_sql", "defer_relation"]
        {
            #expect(!keys.contains(key))
        }
    }

    @Test func writesParentAndChildMapsSorted() throws {
        let document = ManifestFixture.writer.document(for: ManifestFixture.manifest())
        let parents = try #require(document["parent_map"])
        let children = try #require(document["child_map"])
        #expect(
            parents["model.jaffle_shop.fct_orders"] == [
                "model.jaffle_shop.dim_users.v2", "seed.jaffle_shop.raw_users",
            ])
        #expect(parents["source.jaffle_shop.raw.users"] == [])
        #expect(
            children["model.jaffle_shop.stg_users"]
                == [
                    "model.jaffle_shop.int_active",
                    "test.jaffle_shop.accepted_values_stg_users_email.0a1b2c3d4e",
                    "test.jaffle_shop.assert_positive_ids",
                    "test.jaffle_shop.not_null_stg_users_id.e1b8a6bd4f",
                ])
        #expect(
            children["model.jaffle_shop.fct_orders"] == [
                "analysis.jaffle_shop.explore", "exposure.jaffle_shop.weekly_dashboard",
            ])
    }

    @Test func writesSourcesWithFreshnessExternalAndQuoting() throws {
        let source = ManifestFixture.writer.sourceObject(ManifestFixture.rawUsers())
        #expect(
            source["freshness"]
                == ["warn_after": ["count": 12, "period": "hour"], "error_after": nil, "filter": nil])
        #expect(source["quoting"] == ["database": nil, "schema": nil, "identifier": false, "column": nil])
        #expect(
            source["external"]?["partitions"]
                == [["name": "day", "description": "", "data_type": "date", "meta": [:]], "month"])
        #expect(
            source["config"]?["freshness"]
                == [
                    "warn_after": ["count": 12, "period": "hour"],
                    "error_after": ["count": nil, "period": nil], "filter": nil,
                ])
    }

    /// dbt 1.10+ writes the config's (empty) thresholds on a source that sets no freshness.
    @Test func givesASourceWithoutFreshnessTheConfigsThresholds() throws {
        var source = ManifestFixture.rawUsers()
        source.freshness = .null
        source.config = ConfigMap()
        let empty: JSONValue = [
            "warn_after": ["count": nil, "period": nil], "error_after": ["count": nil, "period": nil],
            "filter": nil,
        ]
        let object = ManifestFixture.writer.sourceObject(source)
        #expect(object["freshness"] == empty)
        #expect(object["config"]?["freshness"] == empty)
    }

    // MARK: - Helpers

    func nodeObject(_ node: ManifestNode) -> JSONValue { ManifestFixture.writer.nodeObject(node) }

    func config(of node: ManifestNode) throws -> String {
        try #require(nodeObject(node)["config"]).serialized()
    }
}
