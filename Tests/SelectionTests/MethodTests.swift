import Testing

/// Every selector method other than `fqn`, with the values dbt accepts. Expectations were
/// checked against `dbt ls` (dbt-core 1.11) on the same project.
@Suite struct MethodTests {
    @Test(
        arguments: [
            ("tag:nightly", ["fct_orders", "customer_segments"] + fctOrdersTests),
            ("tag:night*", ["fct_orders", "customer_segments"] + fctOrdersTests),
            (
                "tag:staging",
                stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"])
            ),
            ("tag:pii", ["stg_customers", "unique_customer_id"]),
            // Sources and exposures have tags too; a test on a source inherits the source's tags.
            ("tag:raw", rawSources + (["accepted_status"])),
            ("tag:dashboard", ["exposure:weekly_dashboard"]),
            ("tag:NIGHTLY", []),
            ("tag:nope", []),
        ] as [(String, [String])])
    func tag(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    static let stagingFolder =
        stagingModels + (rawSources)
        + ([
            "unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match",
        ])

    @Test(
        arguments: [
            // A directory selects everything under it, YAML-defined resources included.
            ("path:models/staging", stagingFolder),
            ("path:models/staging/", stagingFolder),
            ("path:./models/staging", stagingFolder),
            ("path:models//staging", stagingFolder),
            ("path:models/./staging", stagingFolder),
            ("models/staging", stagingFolder),
            ("path:models/marts/core/", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            // A file; a properties file also selects the nodes it documents.
            ("path:models/marts/core/fct_orders.sql", ["fct_orders"] + fctOrdersTests),
            (
                "path:models/staging/schema.yml",
                [
                    "stg_customers", "stg_orders", "unique_customer_id", "not_null_order_id",
                    "assert_orders_match",
                ]
            ),
            ("path:models/staging/sources.yml", rawSources + (["accepted_status"])),
            ("path:models/marts/core/core.yml", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            ("path:models/exposures.yml", ["exposure:weekly_dashboard"]),
            ("path:tests", ["assert_orders_match", "assert_positive_payments"]),
            ("path:seeds", ["raw_payments"]),
            // Globs: `*` within a component, `**` for any depth.
            ("path:models/marts/*", dimCustomers + (["fct_orders", "customer_segments"]) + (fctOrdersTests)),
            (
                "path:models/*/stg_*.sql",
                stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"])
            ),
            (
                "path:models/staging/stg_[co]*.sql",
                [
                    "stg_customers", "stg_orders", "unique_customer_id", "not_null_order_id",
                    "assert_orders_match",
                ]
            ),
            ("path:**", allBut([])),
            ("path:*", allBut([])),
            // The root project has a models/ directory, so the package's models/ files match too.
            ("path:models", allBut(["orders_snapshot", "raw_payments", "revenue"])),
            // Not a prefix match: a path must name a directory or file (or glob to one).
            ("path:models/stag", []),
            // A trailing slash asks for a directory.
            ("path:models/marts/core/fct_orders.sql/", []),
        ] as [(String, [String])])
    func path(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // A file name, with or without its extension; `x.sql`, `x.py`, `x.csv` imply `file:`.
            ("file:fct_orders.sql", ["fct_orders"] + fctOrdersTests),
            ("fct_orders.sql", ["fct_orders"] + fctOrdersTests),
            ("file:fct_orders", ["fct_orders"] + fctOrdersTests),
            ("file:dim_customers_v2", ["dim_customers.v2", "relationships_customer_id"]),
            ("raw_payments.csv", ["raw_payments"]),
            (
                "file:stg_*",
                stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"])
            ),
            // Generic tests, sources and exposures live in YAML files.
            ("file:schema.yml", ["unique_customer_id", "not_null_order_id"]),
            ("file:sources.yml", rawSources + (["accepted_status", "source:holidays.dates"])),
            (
                "file:*.yml",
                rawSources
                    + ([
                        "source:holidays.dates", "exposure:weekly_dashboard", "unique_customer_id",
                        "not_null_order_id",
                        "accepted_status", "relationships_customer_id", "expression_is_true",
                    ])
            ),
            ("file:DIM_CUSTOMERS_V2.SQL", []),
        ] as [(String, [String])])
    func file(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            ("package:utils", ["utils_calendar", "source:holidays.dates"]),
            ("package:u*", ["utils_calendar", "source:holidays.dates"]),
            ("package:shop", allBut(["utils_calendar", "source:holidays.dates"])),
            // `this` is the root project.
            ("package:this", allBut(["utils_calendar", "source:holidays.dates"])),
            ("package:*", allBut([])),
        ] as [(String, [String])])
    func package(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            ("config.materialized:table", ["stg_payments", "weekly_report", "expression_is_true"]),
            ("config.materialized:ephemeral", ["int_order_payments"]),
            ("config.materialized:incremental", ["fct_orders"] + fctOrdersTests),
            // Defaults count even when the config map leaves them out.
            (
                "config.materialized:view",
                dimCustomers
                    + ([
                        "stg_customers", "stg_orders", "customer_segments", "empty_model", "utils_calendar",
                        "revenue",
                        "unique_customer_id", "not_null_order_id", "relationships_customer_id",
                        "assert_orders_match",
                    ])
            ),
            ("config.materialized:seed", ["raw_payments"]),
            ("config.materialized:snapshot", ["orders_snapshot"]),
            (
                "config.materialized:test",
                [
                    "unique_customer_id", "not_null_order_id", "relationships_customer_id", "accepted_status",
                    "expression_is_true", "assert_orders_match", "assert_positive_payments",
                ]
            ),
            ("config.access:private", ["customer_segments"]),
            ("config.group:finance", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            ("config.schema:reports", ["weekly_report", "expression_is_true"]),
            ("config.on_schema_change:fail", ["fct_orders"] + fctOrdersTests),
            // Nested keys; lists match when any element does.
            ("config.meta.owner:finance", ["fct_orders"] + fctOrdersTests),
            ("config.tags:nightly", ["fct_orders", "customer_segments"] + fctOrdersTests),
            // Booleans compare as true/false in any case.
            ("config.contract.enforced:true", ["fct_orders"] + fctOrdersTests),
            ("config.contract.enforced:True", ["fct_orders"] + fctOrdersTests),
            ("config.enabled:true", allBut(["exposure:weekly_dashboard"])),
            // Test severity ignores case; other values do not.
            ("config.severity:warn", ["not_null_order_id"]),
            ("config.severity:WARN", ["not_null_order_id"]),
            (
                "config.severity:error",
                [
                    "unique_customer_id", "relationships_customer_id", "accepted_status",
                    "expression_is_true",
                    "assert_orders_match", "assert_positive_payments",
                ]
            ),
            ("config.materialized:TABLE", []),
            // Config values are compared, not globbed; a mapping is not equal to a string.
            ("config.materialized:tab*", []),
            ("config.meta.owner:fin*", []),
            ("config.meta:finance", []),
            ("config.contract:true", []),
        ] as [(String, [String])])
    func config(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            (
                "resource_type:model",
                allBut(
                    rawSources
                        + ([
                            "source:holidays.dates", "exposure:weekly_dashboard", "raw_payments",
                            "orders_snapshot", "revenue",
                            "accepted_status",
                        ]))
            ),
            (
                "resource_type:test",
                [
                    "unique_customer_id", "not_null_order_id", "relationships_customer_id", "accepted_status",
                    "expression_is_true", "assert_orders_match", "assert_positive_payments",
                ]
            ),
            ("resource_type:source", rawSources + (["source:holidays.dates", "accepted_status"])),
            ("resource_type:seed", ["raw_payments"]),
            ("resource_type:snapshot", ["orders_snapshot"]),
            ("resource_type:analysis", ["revenue"]),
            ("resource_type:exposure", ["exposure:weekly_dashboard"]),
            // Valid dbt resource types that Weir's manifests do not hold.
            ("resource_type:metric", []),
            ("resource_type:unit_test", []),
        ] as [(String, [String])])
    func resourceType(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // `source_name`, `source_name.table`, `package.source_name.table`, each a pattern.
            ("source:raw", rawSources + (["accepted_status"])),
            ("source:raw.orders", ["source:raw.orders", "accepted_status"]),
            ("source:raw.*ers", rawSources + (["accepted_status"])),
            ("source:*", rawSources + (["source:holidays.dates", "accepted_status"])),
            ("source:*.*", rawSources + (["source:holidays.dates", "accepted_status"])),
            ("source:*.*.*", rawSources + (["source:holidays.dates", "accepted_status"])),
            ("source:shop.*.*", rawSources + (["accepted_status"])),
            ("source:utils.holidays.dates", ["source:holidays.dates"]),
            ("source:holidays", ["source:holidays.dates"]),
            // A disabled source is never selected.
            ("source:legacy", []),
            // `name` or `package.name`.
            ("exposure:weekly_dashboard", ["exposure:weekly_dashboard"]),
            ("exposure:shop.weekly*", ["exposure:weekly_dashboard"]),
            ("exposure:*", ["exposure:weekly_dashboard"]),
            ("exposure:utils.*", []),
        ] as [(String, [String])])
    func sourceAndExposure(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    static let genericTests: [String] = [
        "unique_customer_id", "not_null_order_id", "relationships_customer_id", "accepted_status",
        "expression_is_true",
    ]

    @Test(
        arguments: [
            ("test_type:generic", genericTests),
            ("test_type:schema", genericTests),
            ("test_type:singular", ["assert_orders_match", "assert_positive_payments"]),
            ("test_type:data", genericTests + (["assert_orders_match", "assert_positive_payments"])),
            ("test_type:unit", []),
            // The generic test's name, without its namespace.
            ("test_name:unique", ["unique_customer_id"]),
            ("test_name:not_*", ["not_null_order_id"]),
            ("test_name:expression_is_true", ["expression_is_true"]),
            ("test_name:*", genericTests),
        ] as [(String, [String])])
    func tests(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // Models only, compared exactly.
            ("access:public", ["fct_orders"] + fctOrdersTests),
            ("access:private", ["customer_segments"]),
            ("access:pub*", []),
            (
                "access:protected",
                dimCustomers + (stagingModels)
                    + ([
                        "int_order_payments", "weekly_report", "empty_model", "utils_calendar",
                        "unique_customer_id",
                        "not_null_order_id", "relationships_customer_id", "assert_orders_match",
                        "expression_is_true",
                    ])
            ),
            // Groups are patterns.
            ("group:finance", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            ("group:market*", ["customer_segments", "weekly_report", "expression_is_true"]),
            // v2 is the latest of dim_customers; v1 is older and v3 a prerelease.
            ("version:latest", ["dim_customers.v2", "relationships_customer_id"]),
            ("version:old", ["dim_customers.v1"]),
            ("version:prerelease", ["dim_customers.v3"]),
            (
                "version:none",
                stagingModels
                    + ([
                        "int_order_payments", "fct_orders", "customer_segments", "weekly_report",
                        "empty_model",
                        "utils_calendar", "unique_customer_id", "not_null_order_id",
                        "relationships_customer_id",
                        "expression_is_true", "assert_orders_match", "assert_positive_payments",
                    ])
            ),
            // Metrics, semantic models and saved queries are valid methods with nothing to match.
            ("metric:*", []),
            ("semantic_model:*", []),
        ] as [(String, [String])])
    func accessGroupAndVersion(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }
}
