import DAG
import ProjectModel
import Selection
import Testing

/// What the caller controls besides the selection strings: resource types and empty nodes; and
/// what it never gets: disabled resources.
@Suite struct RequestTests {
    @Test func resourceTypesFilterTheFinalSelection() throws {
        #expect(
            try select(["+fct_orders"], types: [.model]) == [
                "fct_orders", "int_order_payments", "stg_orders", "stg_payments",
            ])
        #expect(try select(["fct_orders"], types: [.test]) == Set(fctOrdersTests))
        #expect(
            try select(["tag:nightly"], types: [.test, .model])
                == Set(["fct_orders", "customer_segments"] + fctOrdersTests))
        // `dbt run` with no --select: every model, the empty one left out.
        let models = try select([], types: [.model], includeEmptyNodes: false)
        #expect(models.count == 11)
        #expect(!models.contains("empty_model"))
    }

    /// `SelectionGraph.everything` answers a request that names nothing without building the
    /// graph; it must give what the graph would.
    @Test(arguments: IndirectSelection.allCases)
    func aRequestNamingNothingSelectsWhatTheGraphWould(mode: IndirectSelection) throws {
        let typeFilters: [Set<ResourceType>?] = [nil, [.model], [.test], [.seed, .source, .exposure], [.operation]]
        for types in typeFilters {
            for includeEmptyNodes in [false, true] {
                let request = SelectionRequest(
                    resourceTypes: types, indirectSelection: mode, includeEmptyNodes: includeEmptyNodes)
                let everything = try #require(SelectionGraph.everything(in: Shop.manifest, for: request))
                #expect(Set(everything) == (try Shop.graph.select(request).selected))
                #expect(everything == everything.sorted())
            }
        }
        #expect(SelectionGraph.everything(in: Shop.manifest, for: SelectionRequest(select: ["fct_orders"])) == nil)
        #expect(SelectionGraph.everything(in: Shop.manifest, for: SelectionRequest(exclude: ["fct_orders"])) == nil)
        #expect(SelectionGraph.everything(in: Shop.manifest, for: SelectionRequest(selector: "nightly")) == nil)
        #expect(
            SelectionGraph.everything(in: Shop.manifest, for: SelectionRequest(), selectors: YAMLSelectorTests.withDefault)
                == nil)
    }

    @Test func emptyNodesAreDroppedUnlessAsked() throws {
        #expect(try select(["empty_model"], includeEmptyNodes: false).isEmpty)
        #expect(try select(["empty_model"]) == ["empty_model"])
        // Seeds carry no SQL but are never empty.
        #expect(try select(["raw_payments"], includeEmptyNodes: false) == ["raw_payments"])
        // Reported as matched: it was selected, then left out as empty.
        #expect(try result(["empty_model"], includeEmptyNodes: false).unmatched.isEmpty)
    }

    @Test func disabledResourcesAreNeverSelected() throws {
        #expect(try select("disabled_model").isEmpty)
        #expect(try select("source:legacy").isEmpty)
        // A node still in `nodes` but with `enabled: false` is left out too.
        var manifest = Shop.manifest
        manifest.nodes["model.shop.stg_orders"]?.config["enabled"] = false
        let graph = SelectionGraph(manifest: manifest)
        let selected = try graph.select(SelectionRequest(select: ["+fct_orders"], resourceTypes: [.model]))
        #expect(
            selected.selected == [
                "model.shop.fct_orders", "model.shop.int_order_payments", "model.shop.stg_payments",
            ])
    }

    @Test func theGraphHoldsEnabledResourcesAndTheirDependencies() throws {
        let graph = Shop.graph.graph
        #expect(graph.count == Shop.all.count)
        #expect(!graph.contains("source.shop.legacy.accounts"))
        #expect(
            graph.parents(of: "exposure.shop.weekly_dashboard") == [
                "model.shop.weekly_report", "model.shop.fct_orders",
            ])
        #expect(
            Set(graph.children(of: "model.shop.stg_orders")) == [
                "model.shop.int_order_payments", "model.shop.fct_orders", "snapshot.shop.orders_snapshot",
                "test.shop.not_null_stg_orders_order_id.81cfe2fe64", "test.shop.assert_orders_match",
            ])
        #expect(try graph.topologicalOrder().count == graph.count)
    }

    @Test func selectionIsDeterministicAcrossGraphs() throws {
        let again = SelectionGraph(manifest: Shop.manifest)
        #expect(again.graph.nodes == Shop.graph.graph.nodes)
        let request = SelectionRequest(
            select: ["@stg_payments"], exclude: ["tag:nightly"], indirectSelection: .cautious)
        #expect(try again.select(request) == Shop.graph.select(request))
    }
}
