import DAG
import Testing

@Suite struct GraphTests {
    /// raw_orders → stg_orders → fct_orders ← stg_customers ← raw_customers; fct_orders → report
    func project() -> Graph<String> {
        var graph = Graph<String>()
        for (parent, child) in [
            ("raw_orders", "stg_orders"), ("raw_customers", "stg_customers"), ("stg_orders", "fct_orders"),
            ("stg_customers", "fct_orders"), ("fct_orders", "report"), ("stg_orders", "report"),
        ] {
            graph.addEdge(from: parent, to: child)
        }
        graph.add("lonely")
        return graph
    }

    @Test func ordersParentsFirstAndDeterministically() throws {
        #expect(
            try project().topologicalOrder() == [
                "raw_orders", "raw_customers", "lonely", "stg_orders", "stg_customers", "fct_orders",
                "report",
            ])
    }

    @Test func levelsGroupIndependentNodes() throws {
        #expect(
            try project().levels() == [
                ["raw_orders", "raw_customers", "lonely"], ["stg_orders", "stg_customers"], ["fct_orders"],
                ["report"],
            ])
    }

    @Test func repeatedEdgesCountOnce() throws {
        var graph = Graph<String>()
        graph.addEdge(from: "a", to: "b")
        graph.addEdge(from: "a", to: "b")
        #expect(graph.parents(of: "b") == ["a"])
        #expect(try graph.levels() == [["a"], ["b"]])
    }

    @Test func cycleIsReportedWithItsPath() {
        var graph = Graph<String>()
        graph.addEdge(from: "a", to: "b")
        graph.addEdge(from: "b", to: "c")
        graph.addEdge(from: "c", to: "a")
        graph.addEdge(from: "x", to: "a")
        #expect(graph.findCycle() == ["a", "b", "c", "a"])
        #expect(throws: CycleError<String>.self) { try graph.topologicalOrder() }
        do {
            _ = try graph.topologicalOrder()
        } catch {
            #expect(error.description == "found a cycle: a → b → c → a")
        }
    }

    @Test func selfLoopIsACycle() {
        var graph = Graph<String>()
        graph.addEdge(from: "a", to: "a")
        #expect(graph.findCycle() == ["a", "a"])
    }

    @Test(arguments: [
        (nil as Int?, ["stg_orders", "stg_customers", "raw_orders", "raw_customers"]),
        (1, ["stg_orders", "stg_customers"]),
        (0, []),
    ])
    func ancestorsWithDepth(_ depth: Int?, _ expected: [String]) {
        #expect(project().ancestors(of: "fct_orders", depth: depth).map(\.node) == expected)
    }

    @Test func descendantsCarryTheirDistance() {
        let found = project().descendants(of: "raw_orders")
        #expect(found.map(\.node) == ["stg_orders", "fct_orders", "report"])
        // `report` is reachable in 2 steps (via stg_orders) and 3 (via fct_orders): the nearest counts.
        #expect(found.map(\.distance) == [1, 2, 2])
    }

    @Test func unknownNodesHaveNoRelatives() {
        #expect(project().parents(of: "nope").isEmpty)
        #expect(project().descendants(of: "nope").isEmpty)
    }

    @Test func deepChainsDoNotOverflowTheStack() throws {
        var graph = Graph<Int>()
        for index in 0..<200_000 { graph.addEdge(from: index, to: index + 1) }
        #expect(graph.findCycle() == nil)
        #expect(try graph.topologicalOrder().count == 200_001)
        #expect(graph.ancestors(of: 200_000).count == 200_000)
    }
}
