import Diagnostics
import Selection
import Testing

/// `state:` and `result:` select by what the caller judged against an earlier invocation
/// (`PreviousState`); graph operators, unions and exclusions apply to them as to any method.
@Suite struct StateMethodTests {
    /// stg_orders changed its body, fct_orders its config, dim_customers v3 is new; the earlier
    /// run failed stg_orders' not_null test and errored on weekly_report.
    static let previous = PreviousState(
        matches: [
            Shop.ids["stg_orders"]!: [.modified, .modifiedBody],
            Shop.ids["fct_orders"]!: [.modified, .modifiedConfigs],
            Shop.ids["dim_customers.v3"]!: [.new, .modified, .modifiedBody, .modifiedContract],
        ],
        resultStatuses: [
            Shop.ids["not_null_order_id"]!: "fail", Shop.ids["weekly_report"]!: "error",
            Shop.ids["stg_orders"]!: "success",
        ])

    /// What `select` picks (without the tests that would come along with it).
    func select(_ select: [String], exclude: [String] = [], previous: PreviousState? = Self.previous) throws -> Set<String> {
        var graph = Shop.graph
        if let previous { graph.previousState = { previous } }
        let request = SelectionRequest(select: select, exclude: exclude, indirectSelection: .empty, includeEmptyNodes: true)
        return Shop.aliases(try graph.select(request).selected)
    }

    @Test func newAndModified() throws {
        #expect(try select(["state:new"]) == ["dim_customers.v3"])
        #expect(try select(["state:modified"]) == ["stg_orders", "fct_orders", "dim_customers.v3"])
        #expect(try select(["state:modified.body"]) == ["stg_orders", "dim_customers.v3"])
        #expect(try select(["state:modified.configs"]) == ["fct_orders"])
        #expect(try select(["state:modified.contract"]) == ["dim_customers.v3"])
        #expect(try select(["state:modified.relation"]).isEmpty)
    }

    @Test func oldAndUnmodifiedAreTheComplements() throws {
        #expect(try select(["state:old"]) == Shop.all.subtracting(["dim_customers.v3"]))
        #expect(try select(["state:unmodified"]) == Shop.all.subtracting(["stg_orders", "fct_orders", "dim_customers.v3"]))
    }

    @Test func withGraphOperatorsAndSetOperations() throws {
        // The slim CI selection: what changed and everything downstream.
        let downstream = try select(["state:modified.body+"])
        #expect(downstream.isSuperset(of: ["stg_orders", "int_order_payments", "fct_orders", "weekly_report", "revenue"]))
        #expect(!downstream.contains("stg_customers"))
        #expect(try select(["state:modified,tag:staging"]) == ["stg_orders"])
        #expect(try select(["state:modified"], exclude: ["state:new"]) == ["stg_orders", "fct_orders"])
    }

    @Test func resultsByStatus() throws {
        #expect(try select(["result:fail"]) == ["not_null_order_id"])
        #expect(try select(["result:error", "result:fail"]) == ["weekly_report", "not_null_order_id"])
        #expect(try select(["result:skipped"]).isEmpty)
    }

    @Test func badValuesAndMissingArtifacts() throws {
        #expect(throws: Diagnostic.self) { try select(["state:changed"]) }
        let noResults = PreviousState(matches: [:], resultStatuses: nil)
        do {
            _ = try select(["result:fail"], previous: noResults)
            Issue.record("expected W1109")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W1109")
        }
        do {
            _ = try select(["state:changed"])
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W1103")
            #expect(diagnostic.help?.hasPrefix("use one of: new, old, modified, unmodified, modified.body,") == true)
        }
    }
}
