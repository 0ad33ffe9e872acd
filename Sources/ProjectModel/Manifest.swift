/// Everything a project defines, resolved: the manifest.json of dbt before it is encoded.
public struct Manifest: Sendable {
    public var projectName: String
    public var adapterType: String
    public var nodes: [String: ManifestNode] = [:]
    public var sources: [String: SourceDefinition] = [:]
    public var macros: [String: MacroInfo] = [:]
    public var docs: [String: DocBlock] = [:]
    public var exposures: [String: Exposure] = [:]
    public var groups: [String: Group] = [:]
    /// Nodes whose `enabled` config is false, by unique id (dbt's `disabled`).
    public var disabled: [String: [ManifestNode]] = [:]
    /// `selectors.yml` definitions as written.
    public var selectors = ConfigMap()
    public var quoting = ConfigMap()

    public init(projectName: String, adapterType: String) {
        self.projectName = projectName
        self.adapterType = adapterType
    }

    /// `parent_map` and `child_map`: each node, source and exposure to the nodes and sources it
    /// depends on, and the inverse. The lists are in no particular order: writers sort them.
    public var edgeMaps: (parents: [String: [String]], children: [String: [String]]) {
        var parents: [String: [String]] = [:]
        var children: [String: [String]] = [:]
        parents.reserveCapacity(nodes.count + sources.count + exposures.count)
        children.reserveCapacity(nodes.count + sources.count + exposures.count)
        for id in nodes.keys { children[id] = [] }
        for id in sources.keys {
            parents[id] = []
            children[id] = []
        }
        for id in exposures.keys { children[id] = [] }
        func add(_ child: String, _ dependsOn: [String]) {
            parents[child] = dependsOn
            for parent in dependsOn { children[parent, default: []].append(child) }
        }
        for (id, node) in nodes { add(id, node.dependsOn.nodes) }
        for (id, exposure) in exposures { add(id, exposure.dependsOn.nodes) }
        return (parents, children)
    }
}

extension Manifest {
    /// dbt's `group_map`: each group's name to the nodes in it, sorted (a group with none too).
    public var groupMap: [String: [String]] {
        var map: [String: [String]] = [:]
        for group in groups.values { map[group.name] = [] }
        for (id, node) in nodes {
            if let group = node.group ?? node.config["group"]?.stringValue, map[group] != nil { map[group]?.append(id) }
        }
        return map
    }
}
