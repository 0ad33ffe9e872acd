import Testing

/// Spaces are unions, commas intersections, several `--select` arguments a union; `--exclude`
/// is removed after selection, tests included.
@Suite struct SetOperationTests {
    @Test(
        arguments: [
            (
                ["tag:nightly tag:staging"],
                stagingModels
                    + (["fct_orders", "customer_segments", "unique_customer_id", "not_null_order_id"])
                    + (fctOrdersTests)
            ),
            (
                ["tag:nightly", "stg_orders"],
                ["fct_orders", "customer_segments", "stg_orders", "not_null_order_id"] + fctOrdersTests
            ),
            (
                ["tag:nightly stg_orders", "fct_orders"],
                ["fct_orders", "customer_segments", "stg_orders", "not_null_order_id"] + fctOrdersTests
            ),
            (
                ["stg_customers stg_orders"],
                [
                    "stg_customers", "stg_orders", "unique_customer_id", "not_null_order_id",
                    "assert_orders_match",
                ]
            ),
            // Doubled spaces add nothing.
            (
                ["stg_customers  stg_orders"],
                [
                    "stg_customers", "stg_orders", "unique_customer_id", "not_null_order_id",
                    "assert_orders_match",
                ]
            ),
            (["tag:nightly,tag:marketing"], ["customer_segments"]),
            (["tag:staging,config.materialized:table"], ["stg_payments"]),
            (
                ["staging,resource_type:test"],
                ["unique_customer_id", "not_null_order_id", "accepted_status", "assert_orders_match"]
            ),
            (
                ["tag:staging,+fct_orders"],
                ["stg_orders", "stg_payments", "not_null_order_id", "assert_orders_match"]
            ),
            // Tests come along per criterion, then the intersection keeps those both sides selected.
            (
                ["+fct_orders,resource_type:model"],
                ["fct_orders", "int_order_payments", "stg_orders", "stg_payments", "not_null_order_id"]
                    + fctOrdersTests
            ),
            (["tag:nightly,tag:nope"], []),
            // An empty part of an intersection matches nothing, so the intersection is empty.
            (["stg_orders,"], []),
        ] as [([String], [String])])
    func unionsAndIntersections(selection: [String], expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(
        arguments: [
            // Excluding a model excludes the tests on it too.
            (
                ["staging"], ["stg_orders"],
                ["stg_customers", "stg_payments", "unique_customer_id", "accepted_status"]
            ),
            (["staging"], ["stg_orders stg_customers"], ["stg_payments", "accepted_status"]),
            (
                ["staging"], ["tag:staging,tag:pii"],
                ["stg_orders", "stg_payments", "not_null_order_id", "accepted_status", "assert_orders_match"]
            ),
            (["staging"], ["+stg_orders"], ["stg_customers", "stg_payments", "unique_customer_id"]),
            (
                ["marts"], ["dim_customers"],
                ["fct_orders", "customer_segments", "assert_orders_match", "assert_positive_payments"]
            ),
            (
                ["+fct_orders"], ["source:*"],
                fctOrdersUpstreamModels + (["raw_payments", "not_null_order_id"]) + (fctOrdersTests)
            ),
            (
                ["fct_orders+"], ["tag:nightly"],
                ["weekly_report", "revenue", "exposure:weekly_dashboard", "expression_is_true"]
            ),
            (
                ["stg_orders+"], ["fct_orders"],
                dimCustomers
                    + ([
                        "stg_orders", "int_order_payments", "customer_segments", "weekly_report",
                        "orders_snapshot", "revenue",
                        "exposure:weekly_dashboard", "not_null_order_id", "expression_is_true",
                    ])
            ),
            (["package:shop"], ["package:this"], []),
            // Without --select, everything is selected before the exclusion.
            (
                [], ["tag:staging"],
                allBut(stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"]))
            ),
            ([], ["fct_orders"], allBut(["fct_orders"] + fctOrdersTests)),
        ] as [([String], [String], [String])])
    func exclusion(selection: [String], exclude: [String], expected: [String]) throws {
        #expect(try select(selection, exclude: exclude) == Set(expected))
    }

    static let fctOrdersUpstreamModels: [String] = [
        "fct_orders", "int_order_payments", "stg_orders", "stg_payments",
    ]

    @Test func everythingWhenNothingIsAsked() throws {
        #expect(try select([]) == Shop.all)
    }

    @Test func argumentsThatMatchNothingAreReported() throws {
        // dbt warns once per space-separated argument, as written, for --select and --exclude.
        let outcome = try result(
            ["tag:nope stg_orders", "tag:nightly,tag:nope", "orders"], exclude: ["nope", "stg_orders"])
        #expect(outcome.unmatched == ["tag:nope", "tag:nightly,tag:nope", "orders", "nope"])
        #expect(outcome.selected.isEmpty)
        #expect(try result([]).unmatched.isEmpty)
    }

    @Test func anArgumentMatchingOnlyOtherResourceTypesIsNotReported() throws {
        // Reporting happens before the command's resource types are applied, as in dbt.
        let outcome = try result(["raw_payments"], types: [.model])
        #expect(outcome.selected.isEmpty)
        #expect(outcome.unmatched.isEmpty)
    }
}
