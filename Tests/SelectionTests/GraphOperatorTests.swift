import Testing

/// `+x`, `n+x`, `x+`, `x+n` and `@x`, from any method; tests are children of what they test.
@Suite struct GraphOperatorTests {
    static let fctOrdersUpstream: [String] = [
        "fct_orders", "int_order_payments", "stg_orders", "stg_payments", "raw_payments", "source:raw.orders",
    ]
    static let fctOrdersDownstream: [String] = [
        "fct_orders", "weekly_report", "revenue", "exposure:weekly_dashboard", "expression_is_true",
    ]

    @Test(
        arguments: [
            // Every ancestor, then the tests on everything selected (eager).
            (
                "+fct_orders",
                fctOrdersUpstream + (fctOrdersTests) + (["not_null_order_id", "accepted_status"])
            ),
            (
                "+revenue",
                fctOrdersUpstream + (fctOrdersTests) + (["revenue", "not_null_order_id", "accepted_status"])
            ),
            // A depth counts edges.
            (
                "1+fct_orders",
                ["fct_orders", "int_order_payments", "stg_orders", "not_null_order_id"] + fctOrdersTests
            ),
            (
                "2+fct_orders",
                [
                    "fct_orders", "int_order_payments", "stg_orders", "stg_payments", "source:raw.orders",
                    "not_null_order_id", "accepted_status",
                ]
                    + fctOrdersTests
            ),
            (
                "1+dim_customers.v2",
                [
                    "dim_customers.v2", "stg_customers", "int_order_payments", "unique_customer_id",
                    "relationships_customer_id",
                ]
            ),
            // Depth zero is the node alone.
            ("0+fct_orders", ["fct_orders"] + fctOrdersTests),
            ("fct_orders+0", ["fct_orders"] + fctOrdersTests),
            // Descendants include the tests below.
            ("fct_orders+", fctOrdersDownstream + (fctOrdersTests)),
            ("fct_orders+1", fctOrdersDownstream + (fctOrdersTests)),
            (
                "stg_customers+2",
                dimCustomers
                    + ([
                        "stg_customers", "customer_segments", "unique_customer_id",
                        "relationships_customer_id",
                    ])
            ),
            (
                "+fct_orders+",
                allBut(
                    dimCustomers
                        + ([
                            "stg_customers", "customer_segments", "empty_model", "orders_snapshot",
                            "utils_calendar",
                            "source:raw.customers", "source:holidays.dates", "unique_customer_id",
                        ]))
            ),
            // Sources, exposures and seeds take operators like any node.
            (
                "source:raw+1",
                rawSources
                    + ([
                        "stg_customers", "stg_orders", "accepted_status", "unique_customer_id",
                        "not_null_order_id", "assert_orders_match",
                    ])
            ),
            (
                "+weekly_dashboard",
                allBut([
                    "dim_customers.v1", "dim_customers.v3", "empty_model", "orders_snapshot", "revenue",
                    "source:holidays.dates", "utils_calendar",
                ])
            ),
            (
                "+exposure:*",
                allBut([
                    "dim_customers.v1", "dim_customers.v3", "empty_model", "orders_snapshot", "revenue",
                    "source:holidays.dates", "utils_calendar",
                ])
            ),
            (
                "1+exposure:weekly_dashboard",
                ["exposure:weekly_dashboard", "weekly_report", "fct_orders", "expression_is_true"]
                    + fctOrdersTests
            ),
            (
                "raw_payments+",
                allBut([
                    "accepted_status", "empty_model", "not_null_order_id", "orders_snapshot",
                    "source:holidays.dates",
                    "source:raw.customers", "source:raw.orders", "stg_customers", "stg_orders",
                    "unique_customer_id", "utils_calendar",
                ])
            ),
            ("path:models/marts/core/fct_orders.sql+", fctOrdersDownstream + (fctOrdersTests)),
            (
                "version:latest+",
                [
                    "dim_customers.v2", "customer_segments", "weekly_report", "exposure:weekly_dashboard",
                    "relationships_customer_id", "expression_is_true",
                ]
            ),
            // `@`: the descendants and every ancestor of them.
            (
                "@stg_payments",
                allBut(["empty_model", "orders_snapshot", "source:holidays.dates", "utils_calendar"])
            ),
            (
                "@+stg_payments",
                allBut(["empty_model", "orders_snapshot", "source:holidays.dates", "utils_calendar"])
            ),
            (
                "@2+stg_payments",
                allBut(["empty_model", "orders_snapshot", "source:holidays.dates", "utils_calendar"])
            ),
            // A test has no descendants, and its ancestors come only with `+` before it.
            ("+accepted_status", []),
            ("source_accepted_values_raw_orders_status__placed__shipped", ["accepted_status"]),
        ] as [(String, [String])])
    func operators(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test(arguments: [
        // `x++` is `x+` applied to the value `x+`; `+2x` is not a depth, so it stays in the value.
        "stg_orders+2x", "stg_orders++", "2stg_orders", "+",
    ])
    func oddSpellingsMatchNothing(selection: String) throws {
        let outcome = try result([selection])
        #expect(outcome.selected.isEmpty)
        #expect(outcome.unmatched == [selection])
    }
}
