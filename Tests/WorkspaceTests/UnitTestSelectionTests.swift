import ProjectModel
import Selection
import Testing
import Workspace

/// Unit tests are selected as dbt-core 1.11 selects them: each expectation below is what
/// `dbt ls --select ...` listed for the `unit_tests` fixture project.
@Suite struct UnitTestSelectionTests {
    static let enriched = ["test_enriched_csv", "test_enriched_dict", "test_enriched_sql"].map {
        "unit_test.unit_tests.orders_enriched.\($0)"
    }

    /// A `--select`, the resource types it is limited to, and what dbt listed (nil: every
    /// enabled unit test).
    struct Case: Sendable, CustomTestStringConvertible {
        var select: [String]
        var types: Set<ResourceType>? = nil
        var expected: [String]?
        var testDescription: String { select.joined(separator: " ") }
    }

    static let cases: [Case] = [
        // By name, and a versioned model's tests by their shared name.
        Case(select: ["test_enriched_dict"], expected: ["unit_test.unit_tests.orders_enriched.test_enriched_dict"]),
        Case(
            select: ["test_every_version"],
            expected: ["unit_test.unit_tests.versioned.test_every_version_v1", "unit_test.unit_tests.versioned.test_every_version_v2"]),
        // Along with the model they test (dbt's eager indirect selection), and its descendants'.
        Case(select: ["orders_enriched"], expected: ["model.unit_tests.orders_enriched"] + enriched),
        Case(select: ["+stg_orders"], types: [.unitTest], expected: []),
        Case(
            select: ["stg_orders+"], types: [.unitTest],
            expected: enriched + ["unit_test.unit_tests.inc_orders.test_inc_full", "unit_test.unit_tests.inc_orders.test_inc_incremental"]),
        // By their own tags; never by `config.` (dbt's looks at nodes and sources only).
        Case(select: ["tag:enrich"], expected: ["unit_test.unit_tests.orders_enriched.test_enriched_dict"]),
        Case(select: ["config.meta.layer:marts"], expected: []),
        Case(select: ["test_type:unit"], types: [.unitTest], expected: nil),
        Case(select: ["test_type:data"], expected: []),
    ]

    @Test(arguments: cases)
    func selectsAsDbtDoes(_ test: Case) throws {
        let fixture = try FixtureProject("unit_tests")
        let workspace = fixture.workspace()
        let parsed = try workspace.parse()
        let request = SelectionRequest(select: test.select, resourceTypes: test.types)
        let selected = try workspace.select(request, in: parsed)
        let everyUnitTest = parsed.manifest.unitTests.keys.sorted()
        #expect(everyUnitTest.count == 9)
        #expect(selected.sorted() == (test.expected ?? everyUnitTest).sorted())
    }

    /// The disabled ones (by config, or by a disabled model) are never selected.
    @Test func disabledUnitTestsAreNotSelected() throws {
        let fixture = try FixtureProject("unit_tests")
        let workspace = fixture.workspace()
        let parsed = try workspace.parse()
        let selected = try workspace.select(SelectionRequest(resourceTypes: [.unitTest]), in: parsed)
        #expect(!selected.contains("unit_test.unit_tests.orders_enriched.test_switched_off"))
        #expect(!selected.contains("unit_test.unit_tests.disabled_model.test_of_disabled_model"))
        #expect(selected.count == 9)
    }
}
