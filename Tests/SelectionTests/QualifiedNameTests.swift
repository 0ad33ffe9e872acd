import Testing

/// Bare values and `fqn:`: a node's name, a package, a folder path as dotted fqn parts, wildcards.
@Suite struct QualifiedNameTests {
    @Test(
        arguments: [
            // A name selects the node; eager indirect selection brings the tests on it.
            ("stg_orders", ["stg_orders", "not_null_order_id", "assert_orders_match"]),
            ("fct_orders", ["fct_orders"] + fctOrdersTests),
            ("fqn:fct_orders", ["fct_orders"] + fctOrdersTests),
            ("revenue", ["revenue"]),
            ("raw_payments", ["raw_payments"]),
            ("orders_snapshot", ["orders_snapshot"]),
            ("assert_orders_match", ["assert_orders_match"]),
            ("unique_stg_customers_customer_id", ["unique_customer_id"]),
            ("weekly_dashboard", ["exposure:weekly_dashboard"]),
            // A prefix of the fqn: a package, a folder, with or without the package.
            ("utils", ["utils_calendar"]),
            (
                "staging",
                stagingModels
                    + (["unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match"])
            ),
            (
                "fqn:shop.staging",
                stagingModels
                    + (["unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match"])
            ),
            ("marts.core", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            ("shop.marts.core", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            ("shop.staging.stg_orders", ["stg_orders", "not_null_order_id", "assert_orders_match"]),
            ("staging.stg_orders", ["stg_orders", "not_null_order_id", "assert_orders_match"]),
            ("utils.utils_calendar", ["utils_calendar"]),
            ("analysis", ["revenue"]),
            // Sources are not selected by name: `raw` is a source name, not an fqn of a node.
            ("raw", []),
            // Partial names do not match without a wildcard.
            ("orders", []),
        ] as [(String, [String])])
    func namesAndPrefixes(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // A versioned model answers to its name (every version), `name_v2` and `name.v2`.
            ("dim_customers", dimCustomers + (["relationships_customer_id"])),
            ("dim_customers_v2", ["dim_customers.v2", "relationships_customer_id"]),
            ("dim_customers.v2", ["dim_customers.v2", "relationships_customer_id"]),
            ("fqn:dim_customers.v3", ["dim_customers.v3"]),
            ("core.dim_customers.v2", ["dim_customers.v2", "relationships_customer_id"]),
            ("marts.core.dim_customers.v2", ["dim_customers.v2", "relationships_customer_id"]),
            ("marts.core.dim_customers", dimCustomers + (["relationships_customer_id"])),
            ("shop.dim_customers", []),
            ("core.dim_customers_v2", []),
            // A dotless wildcard matches the model name, not the version segment.
            ("dim_cust*", dimCustomers + (["relationships_customer_id"])),
            ("dim_customers.v*", []),
            ("dim_customers_v*", []),
        ] as [(String, [String])])
    func versionedModels(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // fnmatch: `*` spans dots, `?` one character, `[...]` and `[!...]` sets.
            ("stg_*", stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"])),
            (
                "stg_[co]*",
                [
                    "stg_customers", "stg_orders", "unique_customer_id", "not_null_order_id",
                    "assert_orders_match",
                ]
            ),
            ("stg_[!co]*", ["stg_payments"]),
            ("staging.stg_?ayments", ["stg_payments"]),
            (
                "stag*",
                stagingModels
                    + (["unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match"])
            ),
            (
                "staging.*",
                stagingModels
                    + (["unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match"])
            ),
            ("*.stg_orders", ["stg_orders", "not_null_order_id", "assert_orders_match"]),
            ("marts.*.fct_orders", ["fct_orders"] + fctOrdersTests),
            ("*.core.*", dimCustomers + (["fct_orders"]) + (fctOrdersTests)),
            (
                "*orders*",
                [
                    "stg_orders", "fct_orders", "orders_snapshot", "not_null_order_id", "accepted_status",
                    "relationships_customer_id", "assert_orders_match", "assert_positive_payments",
                ]
            ),
            ("utils.*", ["utils_calendar"]),
            // Every node and exposure, but no source.
            ("*", allBut(rawSources + (["source:holidays.dates"]))),
            ("fqn:*", allBut(rawSources + (["source:holidays.dates"]))),
            ("shop", allBut(rawSources + (["source:holidays.dates", "utils_calendar"]))),
            ("shop.*", allBut(rawSources + (["source:holidays.dates", "utils_calendar"]))),
            // Case matters.
            ("FCT_ORDERS", []),
        ] as [(String, [String])])
    func wildcards(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }
}
