/// A directed graph of dependencies: an edge `parent → child` means the child depends on the
/// parent (a model on the models it `ref`s), so parents come first in every order.
///
/// Every answer is deterministic: ties are broken by the order nodes were added, so the same
/// project always gives the same plan and the same artifacts.
public struct Graph<Node: Hashable & Sendable>: Sendable {
    public private(set) var nodes: [Node] = []
    private var indexOf: [Node: Int] = [:]
    private var childIndices: [[Int]] = []
    private var parentIndices: [[Int]] = []

    public init() {}

    public var count: Int { nodes.count }

    public func contains(_ node: Node) -> Bool { indexOf[node] != nil }

    /// Adds a node once; adding it again does nothing.
    @discardableResult
    public mutating func add(_ node: Node) -> Int {
        if let index = indexOf[node] { return index }
        indexOf[node] = nodes.count
        nodes.append(node)
        childIndices.append([])
        parentIndices.append([])
        return nodes.count - 1
    }

    /// Records that `child` depends on `parent`, adding either node if needed. Repeated edges
    /// are kept once.
    public mutating func addEdge(from parent: Node, to child: Node) {
        let p = add(parent)
        let c = add(child)
        guard !childIndices[p].contains(c) else { return }
        childIndices[p].append(c)
        parentIndices[c].append(p)
    }

    /// The nodes `node` depends on directly, in the order their edges were added.
    public func parents(of node: Node) -> [Node] {
        guard let index = indexOf[node] else { return [] }
        return parentIndices[index].map { nodes[$0] }
    }

    /// The nodes that depend on `node` directly.
    public func children(of node: Node) -> [Node] {
        guard let index = indexOf[node] else { return [] }
        return childIndices[index].map { nodes[$0] }
    }

    /// Every node after all of its parents (Kahn's algorithm, ties by insertion order), or the
    /// path of a cycle when there is one.
    public func topologicalOrder() throws(CycleError<Node>) -> [Node] {
        try levels().flatMap { $0 }
    }

    /// Nodes grouped by depth: level 0 has no parents, and each node sits one level below its
    /// deepest parent. Nodes of one level never depend on each other, so they can run at once.
    public func levels() throws(CycleError<Node>) -> [[Node]] {
        var remainingParents = parentIndices.map(\.count)
        var current = (0..<nodes.count).filter { remainingParents[$0] == 0 }
        var levels: [[Node]] = []
        var placed = 0
        while !current.isEmpty {
            levels.append(current.map { nodes[$0] })
            placed += current.count
            var next: [Int] = []
            for index in current {
                for child in childIndices[index] {
                    remainingParents[child] -= 1
                    if remainingParents[child] == 0 { next.append(child) }
                }
            }
            current = next.sorted()
        }
        if placed < nodes.count, let cycle = findCycle() { throw CycleError(path: cycle) }
        return levels
    }

    /// A cycle as a path that starts and ends at the same node (`a → b → a`), or nil.
    public func findCycle() -> [Node]? {
        var marks = [Mark](repeating: .unvisited, count: nodes.count)
        var path: [Int] = []
        // Iterative depth-first search: deep graphs must not overflow the stack.
        for start in 0..<nodes.count where marks[start] == .unvisited {
            var stack: [(node: Int, nextChild: Int)] = [(start, 0)]
            marks[start] = .onPath
            path.append(start)
            while let top = stack.last {
                let children = childIndices[top.node]
                if top.nextChild < children.count {
                    stack[stack.count - 1].nextChild += 1
                    let child = children[top.nextChild]
                    switch marks[child] {
                    case .onPath:
                        let from = path.firstIndex(of: child) ?? 0
                        return (path[from...] + [child]).map { nodes[$0] }
                    case .unvisited:
                        marks[child] = .onPath
                        path.append(child)
                        stack.append((child, 0))
                    case .done:
                        break
                    }
                } else {
                    marks[top.node] = .done
                    path.removeLast()
                    stack.removeLast()
                }
            }
        }
        return nil
    }

    /// The nodes `node` depends on, directly or not, up to `depth` edges away (all when nil),
    /// each with its distance, nearest first. dbt's `2+model` selects depth 2.
    public func ancestors(of node: Node, depth: Int? = nil) -> [(node: Node, distance: Int)] {
        walk(from: node, depth: depth, along: parentIndices)
    }

    /// The nodes that depend on `node`, directly or not, up to `depth` edges away.
    public func descendants(of node: Node, depth: Int? = nil) -> [(node: Node, distance: Int)] {
        walk(from: node, depth: depth, along: childIndices)
    }

    private func walk(from node: Node, depth: Int?, along edges: [[Int]]) -> [(node: Node, distance: Int)] {
        guard let start = indexOf[node] else { return [] }
        var distance = [Int: Int]()
        distance[start] = 0
        var frontier = [start]
        var found: [(node: Node, distance: Int)] = []
        var level = 0
        while !frontier.isEmpty, depth.map({ level < $0 }) ?? true {
            level += 1
            var next: [Int] = []
            for index in frontier {
                for neighbour in edges[index] where distance[neighbour] == nil {
                    distance[neighbour] = level
                    next.append(neighbour)
                }
            }
            next.sort()
            found += next.map { (nodes[$0], level) }
            frontier = next
        }
        return found
    }
}

/// Depth-first search state of a node.
private enum Mark { case unvisited, onPath, done }

/// A dependency cycle, with its path (`a → b → c → a`), which a graph cannot be ordered with.
public struct CycleError<Node: Hashable & Sendable>: Error, Sendable, CustomStringConvertible {
    public let path: [Node]

    public var description: String {
        "found a cycle: " + path.map { "\($0)" }.joined(separator: " → ")
    }
}
