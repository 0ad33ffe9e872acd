import ProjectModel

/// dbt-core 1.11's config classes and small records (`core/dbt/artifacts/resources/v1/*.py`,
/// dbt-common's `contracts/`), field for field and in declaration order, which is the order
/// dbt writes them and the order of `properties` in the published manifest v12 schema. 1.11 is
/// the dbt Weir follows (its reference fixtures come from it); the few fields 1.12 added are
/// optional in the v12 schema, so what is written here validates against either.
extension ConfigShape {
    /// `Docs`: `{show, node_color}`.
    static let docs = ConfigShape([Field("show", true), Field("node_color", nil)], keepsExtraKeys: false)

    /// `ContractConfig` (a config's `contract`).
    static let contractConfig = ConfigShape(
        [Field("enforced", false), Field("alias_types", true)], keepsExtraKeys: false)

    /// `Contract` (a node's `contract`): the config's plus the checksum dbt computes when enforced.
    static let contract = contractConfig.appending([Field("checksum", nil)])

    /// `Hook`: one entry of `pre-hook`/`post-hook`.
    static let hook = ConfigShape(
        [Field("sql", nil), Field("transaction", true), Field("index", nil)], keepsExtraKeys: false)

    /// `NodeAndTestConfig`: what model, seed, snapshot and test configs share.
    static let nodeAndTest = ConfigShape(
        [
            Field("enabled", true), Field("alias", nil), Field("schema", nil), Field("database", nil),
            Field("tags", [], .stringList), Field("meta", [:]), Field("group", nil),
            Field("static_analysis", nil, .onOff),
        ], keepsExtraKeys: true)

    /// `NodeConfig`: analyses and hook operations; the base of model, seed and snapshot configs.
    static let node = nodeAndTest.appending([
        Field("materialized", "view"), Field("incremental_strategy", nil), Field("batch_size", nil),
        Field("lookback", 1), Field("begin", nil), Field("persist_docs", [:]),
        Field("post-hook", [], .hooks, aliases: ["post_hook"]),
        Field("pre-hook", [], .hooks, aliases: ["pre_hook"]),
        Field("quoting", [:]), Field("column_types", [:]), Field("full_refresh", nil),
        Field("unique_key", nil),
        Field("on_schema_change", "ignore"), Field("on_configuration_change", "apply"), Field("grants", [:]),
        Field("packages", [], .stringList), .record("docs", docs), .record("contract", contractConfig),
        Field("event_time", nil), Field("concurrent_batches", nil),
    ])

    /// `ModelBuildAfter`, inside a model's `freshness`.
    static let modelBuildAfter = ConfigShape(
        [Field("count", nil), Field("period", nil), Field("updates_on", "any")], keepsExtraKeys: true)

    /// `ModelFreshness`: `{build_after}`.
    static let modelFreshness = ConfigShape(
        [Field("build_after", nil, .record(modelBuildAfter))], keepsExtraKeys: true)

    /// `ModelConfig`. (dbt 1.12 adds `on_error` and `latest_version_pointer`.)
    static let model = node.appending([
        Field("access", "protected"), Field("freshness", nil, .modelFreshness),
    ])

    /// `SeedConfig`.
    static let seed = node.replacingDefault(of: "materialized", with: "seed").appending([
        Field("delimiter", ","), Field("quote_columns", nil),
    ])

    /// `SnapshotMetaColumnNames`.
    static let snapshotMetaColumnNames = ConfigShape(
        ["dbt_valid_to", "dbt_valid_from", "dbt_scd_id", "dbt_updated_at", "dbt_is_deleted"].map {
            Field($0, nil)
        },
        keepsExtraKeys: false)

    /// `SnapshotConfig` (`unique_key` is redeclared but keeps `NodeConfig`'s position).
    static let snapshot = node.replacingDefault(of: "materialized", with: "snapshot").appending([
        Field("strategy", nil), Field("target_schema", nil), Field("target_database", nil),
        Field("updated_at", nil),
        Field("check_cols", nil), .record("snapshot_meta_column_names", snapshotMetaColumnNames),
        Field("dbt_valid_to_current", nil),
    ])

    /// `TestConfig`: singular and generic tests. (dbt 1.12 adds `sql_header`.)
    static let test = nodeAndTest.replacingDefault(of: "schema", with: "dbt_test__audit").appending([
        Field("materialized", "test"), Field("severity", "ERROR"), Field("store_failures", nil),
        Field("store_failures_as", nil), Field("where", nil), Field("limit", nil),
        Field("fail_calc", "count(*)"), Field("warn_if", "!= 0"), Field("error_if", "!= 0"),
    ])

    /// `Time`: `{count, period}` of a source freshness threshold.
    static let time = ConfigShape([Field("count", nil), Field("period", nil)], keepsExtraKeys: false)

    /// `FreshnessThreshold`: a source's `freshness`.
    static let freshnessThreshold = ConfigShape(
        [.record("warn_after", time), .record("error_after", time), Field("filter", nil)],
        keepsExtraKeys: false)

    /// `SourceConfig`.
    static let source = ConfigShape(
        [
            Field("enabled", true), Field("event_time", nil), .record("freshness", freshnessThreshold),
            Field("loaded_at_field", nil), Field("loaded_at_query", nil), Field("meta", [:]),
            Field("tags", [], .stringList), Field("static_analysis", nil, .onOff),
        ], keepsExtraKeys: true)

    /// `Quoting`: a source's `quoting` and the manifest metadata's.
    static let quoting = ConfigShape(
        ["database", "schema", "identifier", "column"].map { Field($0, nil) }, keepsExtraKeys: false)

    /// `ExternalPartition`, in a source's `external.partitions`.
    static let externalPartition = ConfigShape(
        [Field("name", ""), Field("description", ""), Field("data_type", ""), Field("meta", [:])],
        keepsExtraKeys: true)

    /// `ExternalTable`: a source's `external` (partitions normalised separately).
    static let externalTable = ConfigShape(
        [
            Field("location", nil), Field("file_format", nil), Field("row_format", nil),
            Field("tbl_properties", nil), Field("partitions", nil),
        ], keepsExtraKeys: true)

    /// `ExposureConfig`.
    static let exposure = ConfigShape(
        [Field("enabled", true), Field("tags", [], .stringList), Field("meta", [:])], keepsExtraKeys: true)

    /// `MacroArgument`.
    static let macroArgument = ConfigShape(
        [Field("name", nil), Field("type", nil), Field("description", "")], keepsExtraKeys: false)

    /// `ColumnConfig`.
    static let column = ConfigShape(
        [Field("meta", [:]), Field("tags", [], .stringList)], keepsExtraKeys: true)

    /// `ColumnLevelConstraint` (dbt-common).
    static let columnConstraint = ConfigShape(
        [
            Field("type", nil), Field("name", nil), Field("expression", nil), Field("warn_unenforced", true),
            Field("warn_unsupported", true), Field("to", nil), Field("to_columns", []),
        ], keepsExtraKeys: false)

    /// `ModelLevelConstraint`: a column constraint that also names its columns.
    static let modelConstraint = columnConstraint.appending([Field("columns", [])])

    /// `TestMetadata` of a generic test.
    /// `GroupConfig`: `meta`, then whatever the `models:` tree gave the group.
    static let group = ConfigShape([Field("meta", [:])], keepsExtraKeys: true)

    static let testMetadata = ConfigShape(
        [Field("name", "test"), Field("kwargs", [:]), Field("namespace", nil)], keepsExtraKeys: false)

    /// The config shape of a node of `nodes` by its resource type.
    static func forNode(_ type: ResourceType) -> ConfigShape {
        switch type {
        case .model: return model
        case .seed: return seed
        case .snapshot: return snapshot
        case .test, .unitTest: return test
        case .analysis, .operation, .source, .exposure, .macro, .doc, .semanticModel, .metric, .savedQuery: return node
        }
    }
}
