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

    /// dbt's `parent_map`: every node, source and exposure to the nodes and sources it depends
    /// on. The lists here, as `childMap`'s, are in no particular order: writers sort them.
    public var parentMap: [String: [String]] {
        var parents: [String: [String]] = [:]
        parents.reserveCapacity(nodes.count + sources.count + exposures.count)
        for id in sources.keys { parents[id] = [] }
        for (id, node) in nodes { parents[id] = node.dependsOn.nodes }
        for (id, exposure) in exposures { parents[id] = exposure.dependsOn.nodes }
        return parents
    }

    /// dbt's `child_map`: every node, source and exposure to what depends on it.
    public var childMap: [String: [String]] {
        var children: [String: [String]] = [:]
        children.reserveCapacity(nodes.count + sources.count + exposures.count)
        for id in nodes.keys { children[id] = [] }
        for id in sources.keys { children[id] = [] }
        for id in exposures.keys { children[id] = [] }
        for (id, node) in nodes {
            for parent in node.dependsOn.nodes { children[parent, default: []].append(id) }
        }
        for (id, exposure) in exposures {
            for parent in exposure.dependsOn.nodes { children[parent, default: []].append(id) }
        }
        return children
    }
}

extension Manifest {
    /// dbt's `group_map`: each group's name to the nodes in it, sorted (a group with none too).
    public var groupMap: [String: [String]] {
        guard !groups.isEmpty else { return [:] }
        var map: [String: [String]] = [:]
        for group in groups.values { map[group.name] = [] }
        for (id, node) in nodes {
            if let group = node.group ?? node.config["group"]?.stringValue, map[group] != nil { map[group]?.append(id) }
        }
        return map
    }
}
