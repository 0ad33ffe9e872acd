import Selection
import Testing

/// Which tests come along with a selection. fct_orders has three tests: assert_positive_payments
/// (on fct_orders alone), assert_orders_match (also on stg_orders, an ancestor of fct_orders) and
/// relationships_customer_id (also on dim_customers.v2, which is not an ancestor).
@Suite struct IndirectSelectionTests {
    @Test(
        arguments: [
            // eager: a test on any selected node.
            (["fct_orders"], IndirectSelection.eager, ["fct_orders"] + fctOrdersTests),
            // cautious: only tests whose every parent is selected.
            (["fct_orders"], .cautious, ["fct_orders", "assert_positive_payments"]),
            // buildable: parents may also be ancestors of the selection.
            (["fct_orders"], .buildable, ["fct_orders", "assert_positive_payments", "assert_orders_match"]),
            // empty: no test comes along.
            (["fct_orders"], .empty, ["fct_orders"]),
            (["weekly_report"], .cautious, ["weekly_report", "expression_is_true"]),
            (["weekly_report"], .buildable, ["weekly_report", "expression_is_true"]),
            (["stg_orders"], .buildable, ["stg_orders", "not_null_order_id"]),
            // A test waiting for a parent is let in when another argument selects that parent.
            (
                ["fct_orders stg_orders"], .cautious,
                [
                    "fct_orders", "stg_orders", "not_null_order_id", "assert_orders_match",
                    "assert_positive_payments",
                ]
            ),
            (
                ["fct_orders dim_customers.v2"], .cautious,
                ["fct_orders", "dim_customers.v2", "assert_positive_payments", "relationships_customer_id"]
            ),
            (
                ["fct_orders", "dim_customers.v2"], .cautious,
                ["fct_orders", "dim_customers.v2", "assert_positive_payments", "relationships_customer_id"]
            ),
            (
                ["fct_orders dim_customers"], .cautious,
                dimCustomers + (["fct_orders", "assert_positive_payments", "relationships_customer_id"])
            ),
            (
                ["stg_customers dim_customers.v2 fct_orders"], .cautious,
                [
                    "stg_customers", "dim_customers.v2", "fct_orders", "unique_customer_id",
                    "relationships_customer_id", "assert_positive_payments",
                ]
            ),
            (
                ["stg_orders fct_orders"], .buildable,
                [
                    "fct_orders", "stg_orders", "not_null_order_id", "assert_orders_match",
                    "assert_positive_payments",
                ]
            ),
            // Within an intersection, the waiting test is reconsidered against the intersection.
            (["fct_orders,resource_type:model"], .cautious, ["fct_orders", "assert_positive_payments"]),
            (
                ["dim_customers.v2,resource_type:model fct_orders"], .cautious,
                ["dim_customers.v2", "fct_orders", "assert_positive_payments", "relationships_customer_id"]
            ),
            (
                ["stg_orders+1,resource_type:test"], .cautious,
                ["not_null_order_id", "assert_orders_match", "assert_positive_payments"]
            ),
            // Graph operators select tests as descendants, whatever the mode.
            (
                ["fct_orders+"], .cautious,
                ["fct_orders", "weekly_report", "revenue", "exposure:weekly_dashboard", "expression_is_true"]
                    + fctOrdersTests
            ),
            (
                ["+fct_orders"], .cautious,
                [
                    "fct_orders", "int_order_payments", "stg_orders", "stg_payments", "raw_payments",
                    "source:raw.orders",
                    "not_null_order_id", "accepted_status", "assert_orders_match", "assert_positive_payments",
                ]
            ),
            (
                ["+fct_orders"], .buildable,
                [
                    "fct_orders", "int_order_payments", "stg_orders", "stg_payments", "raw_payments",
                    "source:raw.orders",
                    "not_null_order_id", "accepted_status", "assert_orders_match", "assert_positive_payments",
                ]
            ),
            // A source's test comes along with the source.
            (["source:raw"], .cautious, ["source:raw.customers", "source:raw.orders", "accepted_status"]),
            // A test selected by its own criteria stays, whatever the mode.
            (["tag:raw"], .empty, ["source:raw.customers", "source:raw.orders", "accepted_status"]),
        ] as [([String], IndirectSelection, [String])])
    func modes(selection: [String], mode: IndirectSelection, expected: [String]) throws {
        #expect(try select(selection, indirect: mode) == Set(expected))
    }

    @Test(
        arguments: [
            // The exclusion brings its own tests along in the same mode, so fewer are removed.
            ([], ["fct_orders"], IndirectSelection.eager, allBut(["fct_orders"] + fctOrdersTests)),
            ([], ["fct_orders"], .cautious, allBut(["fct_orders", "assert_positive_payments"])),
            ([], ["fct_orders"], .empty, allBut(["fct_orders"])),
            (
                ["fct_orders"], ["stg_orders"], .buildable,
                ["fct_orders", "assert_positive_payments", "assert_orders_match"]
            ),
            (["stg_orders stg_customers"], ["tag:pii"], .buildable, ["stg_orders", "not_null_order_id"]),
            (
                ["dim_customers.v2 fct_orders"], ["dim_customers"], .cautious,
                ["fct_orders", "assert_positive_payments", "relationships_customer_id"]
            ),
            (
                ["stg_orders+"], ["fct_orders"], .cautious,
                dimCustomers
                    + ([
                        "stg_orders", "int_order_payments", "customer_segments", "weekly_report",
                        "orders_snapshot", "revenue",
                        "exposure:weekly_dashboard", "not_null_order_id", "expression_is_true",
                        "assert_orders_match",
                        "relationships_customer_id",
                    ])
            ),
        ] as [([String], [String], IndirectSelection, [String])])
    func exclusionInEachMode(
        selection: [String], exclude: [String], mode: IndirectSelection, expected: [String]
    ) throws {
        #expect(try select(selection, exclude: exclude, indirect: mode) == Set(expected))
    }
}
