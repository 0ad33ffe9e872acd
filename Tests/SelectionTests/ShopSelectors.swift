import ProjectModel
import Selection

extension Shop {
    /// The project's selectors.yml, as the YAML reader hands it over.
    static let selectorsFile: ConfigValue = [
        "selectors": [
            [
                "name": "nightly", "description": "nightly models and their upstream",
                "definition": ["method": "tag", "value": "nightly", "parents": true],
            ],
            ["name": "staging_only", "definition": "path:models/staging"],
            [
                "name": "marts_without_tests",
                "definition": [
                    "union": [
                        ["method": "path", "value": "models/marts", "children": true],
                        ["exclude": ["resource_type:test", ["method": "tag", "value": "marketing"]]],
                    ]
                ],
            ],
            [
                "name": "core_and_nightly",
                "definition": ["intersection": [["group": "finance"], "tag:nightly"]],
            ],
            [
                "name": "cautious_fct",
                "definition": ["method": "fqn", "value": "fct_orders", "indirect_selection": "cautious"],
            ],
            [
                "name": "depth_limited",
                "definition": [
                    "method": "fqn", "value": "stg_orders", "children": true, "children_depth": 1,
                    "parents": true,
                ],
            ],
            [
                "name": "at_stg_payments",
                "definition": ["method": "fqn", "value": "stg_payments", "childrens_parents": true],
            ],
            [
                "name": "nightly_and_staging",
                "definition": [
                    "union": [
                        ["method": "selector", "value": "nightly"],
                        ["method": "selector", "value": "staging_only"],
                    ]
                ],
            ],
            [
                "name": "reports_minus_generic",
                "definition": [
                    "method": "path", "value": "models/reports", "children": true,
                    "exclude": ["test_type:generic"],
                ],
            ],
            [
                "name": "zero_depth_means_all",
                "definition": [
                    "method": "fqn", "value": "weekly_report", "parents": true, "parents_depth": 0,
                ],
            ],
            [
                "name": "cautious_union",
                "definition": [
                    "union": [
                        ["method": "fqn", "value": "fct_orders", "indirect_selection": "cautious"],
                        ["method": "fqn", "value": "stg_orders", "indirect_selection": "cautious"],
                    ]
                ],
            ],
            [
                "name": "intersect_minus",
                "definition": [
                    "intersection": [
                        "+fct_orders", ["resource_type": "model"],
                        ["exclude": ["stg_payments", ["method": "path", "value": "models/intermediate"]]],
                    ]
                ],
            ],
            ["name": "string_ops", "definition": "2+tag:marketing"],
            [
                "name": "empty_mode",
                "definition": [
                    "method": "fqn", "value": "fct_orders", "parents": true, "parents_depth": "1",
                    "indirect_selection": "empty",
                ],
            ],
            [
                "name": "method_value_multi_exclude",
                "definition": ["method": "fqn", "value": "staging", "exclude": ["stg_orders", "tag:pii"]],
            ],
        ]
    ]

    static let selectors: SelectorDefinitions = {
        do { return try SelectorDefinitions(selectorsFile) } catch { fatalError("\(error)") }
    }()
}
