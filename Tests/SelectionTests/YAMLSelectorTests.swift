import Diagnostics
import ProjectModel
import Selection
import Testing

/// selectors.yml: named definitions used with `--selector`, as the default, or by `selector:`.
@Suite struct YAMLSelectorTests {
    static let nightlyAndUpstream = allBut(
        ["dim_customers.v1", "dim_customers.v3"]
            + ([
                "empty_model", "exposure:weekly_dashboard", "expression_is_true", "orders_snapshot",
                "revenue",
                "source:holidays.dates", "utils_calendar", "weekly_report",
            ]))
    static let stagingFolder = MethodTests.stagingFolder

    @Test(
        arguments: [
            // {method, value, parents: true}
            ("nightly", nightlyAndUpstream),
            // A string definition is one criterion.
            ("staging_only", stagingFolder),
            (
                "string_ops",
                [
                    "customer_segments", "dim_customers.v2", "int_order_payments", "stg_customers",
                    "unique_customer_id", "relationships_customer_id",
                ]
            ),
            // union with an exclude item: the exclusion applies to the union.
            (
                "marts_without_tests",
                dimCustomers + (["fct_orders", "weekly_report", "revenue", "exposure:weekly_dashboard"])
            ),
            // intersection of a {method: value} pair and a string.
            ("core_and_nightly", ["fct_orders"] + fctOrdersTests),
            (
                "intersect_minus",
                [
                    "fct_orders", "stg_orders", "not_null_order_id", "assert_orders_match",
                    "assert_positive_payments", "relationships_customer_id",
                ]
            ),
            // {method, value, exclude: [...]}
            ("method_value_multi_exclude", ["stg_payments", "accepted_status"]),
            ("reports_minus_generic", ["weekly_report", "exposure:weekly_dashboard"]),
            // children_depth, parents, childrens_parents.
            (
                "depth_limited",
                [
                    "stg_orders", "source:raw.orders", "int_order_payments", "fct_orders", "orders_snapshot",
                    "not_null_order_id", "accepted_status",
                ]
                    + fctOrdersTests
            ),
            (
                "at_stg_payments",
                allBut(["empty_model", "orders_snapshot", "source:holidays.dates", "utils_calendar"])
            ),
            // A zero depth means every generation, as in dbt.
            (
                "zero_depth_means_all",
                allBut(
                    ["dim_customers.v1", "dim_customers.v3"]
                        + ([
                            "empty_model", "exposure:weekly_dashboard", "orders_snapshot", "revenue",
                            "source:holidays.dates", "utils_calendar",
                        ]))
            ),
            // indirect_selection on a criterion overrides the request's mode.
            ("cautious_fct", ["fct_orders", "assert_positive_payments"]),
            ("empty_mode", ["fct_orders", "int_order_payments", "stg_orders"]),
            // YAML unions do not reconsider waiting tests (dbt gives them the eager mode).
            (
                "cautious_union",
                ["fct_orders", "stg_orders", "not_null_order_id", "assert_positive_payments"]
            ),
            // {method: selector, value: name} refers to another selector.
            ("nightly_and_staging", nightlyAndUpstream),
        ] as [(String, [String])])
    func namedSelectors(name: String, expected: [String]) throws {
        let outcome = try result([], selector: name)
        #expect(outcome.selected == Set(expected))
        #expect(outcome.selectorName == name)
    }

    @Test func requestModeAppliesToCriteriaWithoutTheirOwn() throws {
        #expect(
            try result([], selector: "staging_only", indirect: .empty).selected
                == Set(Self.stagingFolder.filter { $0 != "assert_orders_match" }))
        #expect(
            try result([], selector: "cautious_union", indirect: .buildable).selected == [
                "fct_orders", "stg_orders", "not_null_order_id", "assert_positive_payments",
            ])
    }

    @Test func selectorWinsOverSelectAndExclude() throws {
        // dbt ignores --select and --exclude when --selector is given.
        #expect(try result(["fct_orders"], selector: "nightly").selected == Set(Self.nightlyAndUpstream))
        #expect(
            try result([], exclude: ["fct_orders"], selector: "nightly").selected
                == Set(Self.nightlyAndUpstream))
    }

    static let withDefault: SelectorDefinitions = {
        let file: ConfigValue = [
            "selectors": [
                ["name": "staging", "definition": "tag:staging", "default": true],
                ["name": "marts", "definition": ["method": "path", "value": "models/marts"]],
            ]
        ]
        do { return try SelectorDefinitions(file) } catch { fatalError("\(error)") }
    }()

    @Test func defaultSelectorIsUsedWithoutSelectOrExclude() throws {
        #expect(Self.withDefault.defaultSelector == "staging")
        let byDefault = try result([], selectors: Self.withDefault)
        #expect(byDefault.selectorName == "staging")
        #expect(
            byDefault.selected
                == Set(stagingModels + ["unique_customer_id", "not_null_order_id", "assert_orders_match"]))
        // Any --select or --exclude replaces it.
        #expect(try result(["stg_orders"], selectors: Self.withDefault).selectorName == nil)
        let excluding = try result([], exclude: ["tag:staging"], selectors: Self.withDefault)
        #expect(excluding.selectorName == nil)
        #expect(
            excluding.selected
                == Set(
                    allBut(
                        stagingModels + ["unique_customer_id", "not_null_order_id", "assert_orders_match"])))
        #expect(try result([], selector: "marts", selectors: Self.withDefault).selectorName == "marts")
    }

    @Test(
        arguments: [
            ("selector:staging_only", stagingFolder),
            // The intersection keeps the tests that both sides selected.
            (
                "selector:staging_only,resource_type:model",
                stagingModels + (["unique_customer_id", "not_null_order_id", "assert_orders_match"])
            ),
            // Graph operators apply to the selector's result; no more tests come along afterwards.
            (
                "selector:core_and_nightly+1",
                ["fct_orders", "weekly_report", "revenue", "exposure:weekly_dashboard"] + fctOrdersTests
            ),
            // A pattern unites every selector it names.
            (
                "selector:cautious_*",
                ["fct_orders", "stg_orders", "not_null_order_id", "assert_positive_payments"]
            ),
        ] as [(String, [String])])
    func selectorMethod(selection: String, expected: [String]) throws {
        #expect(try select(selection) == Set(expected))
    }

    @Test func selectorMethodKeepsTheTestsItsSelectorExcluded() throws {
        // reports_minus_generic excludes its generic test; `selector:` does not bring it back.
        #expect(
            try select("selector:reports_minus_generic") == ["weekly_report", "exposure:weekly_dashboard"])
    }

    @Test func definitionsKeepTheirOrderAndDescriptions() throws {
        #expect(Shop.selectors.names.prefix(3) == ["nightly", "staging_only", "marts_without_tests"])
        #expect(Shop.selectors.description(of: "nightly") == "nightly models and their upstream")
        #expect(Shop.selectors.defaultSelector == nil)
        #expect(try SelectorDefinitions(.null).names.isEmpty)
        #expect(try SelectorDefinitions(["selectors": nil]).names.isEmpty)
    }

    @Test func aLaterSelectorOfTheSameNameReplacesTheEarlierOne() throws {
        let selectors = try SelectorDefinitions([
            "selectors": [
                ["name": "a", "definition": "tag:staging"], ["name": "a", "definition": "tag:nightly"],
            ]
        ])
        #expect(selectors.names == ["a"])
        #expect(
            try result([], selector: "a", selectors: selectors).selected
                == Set(["fct_orders", "customer_segments"] + fctOrdersTests))
    }

    @Test func aRenderedDefaultFlagIsAccepted() throws {
        let selectors = try SelectorDefinitions([
            "selectors": [
                ["name": "a", "definition": "tag:staging", "default": "False"],
                ["name": "b", "definition": "tag:nightly", "default": "True"],
            ]
        ])
        #expect(selectors.defaultSelector == "b")
    }
}
