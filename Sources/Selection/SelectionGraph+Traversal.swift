/// dbt's graph operators over a set of nodes at once.
extension SelectionGraph {
    /// Ancestors of any node of `start`, at most `depth` edges away (`n+`). A node of `start` is
    /// included only when it is an ancestor of another.
    func ancestors(of start: Set<String>, depth: Int? = nil) -> Set<String> {
        walk(from: start, depth: depth) { graph.parents(of: $0) }
    }

    /// Descendants of any node of `start`, at most `depth` edges away (`+n`).
    func descendants(of start: Set<String>, depth: Int? = nil) -> Set<String> {
        walk(from: start, depth: depth) { graph.children(of: $0) }
    }

    /// `@`: the nodes, their descendants, and every ancestor of those.
    func descendantsAndTheirAncestors(of start: Set<String>) -> Set<String> {
        let downstream = descendants(of: start).union(start)
        return ancestors(of: downstream).union(downstream)
    }

    /// The nodes one edge below `start` (dbt's successors).
    func children(of start: Set<String>) -> Set<String> {
        var children: Set<String> = []
        for id in start { children.formUnion(graph.children(of: id)) }
        return children
    }

    /// Breadth-first from every start node together, so each node is visited once however many
    /// start nodes reach it.
    private func walk(from start: Set<String>, depth: Int?, neighbours: (String) -> [String]) -> Set<String> {
        var found: Set<String> = []
        var frontier = Array(start)
        var level = 0
        while !frontier.isEmpty, depth.map({ level < $0 }) ?? true {
            level += 1
            var next: [String] = []
            for id in frontier {
                for neighbour in neighbours(id) where found.insert(neighbour).inserted {
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return found
    }
}
