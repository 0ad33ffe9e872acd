/// Everything a project defines, resolved: the manifest.json of dbt before it is encoded.
public struct Manifest: Sendable {
    public var projectName: String
    public var adapterType: String
    public var nodes: [String: ManifestNode] = [:]
    public var sources: [String: SourceDefinition] = [:]
    public var macros: [String: MacroInfo] = [:]
    public var docs: [String: DocBlock] = [:]
    public var exposures: [String: Exposure] = [:]
    /// Nodes whose `enabled` config is false, by unique id (dbt's `disabled`).
    public var disabled: [String: [ManifestNode]] = [:]
    /// `selectors.yml` definitions as written.
    public var selectors = ConfigMap()
    public var quoting = ConfigMap()

    public init(projectName: String, adapterType: String) {
        self.projectName = projectName
        self.adapterType = adapterType
    }

    /// `parent_map`: each node, source and exposure to the nodes and sources it depends on.
    public var parentMap: [String: [String]] {
        var map: [String: [String]] = [:]
        for (id, node) in nodes { map[id] = node.dependsOn.nodes.sorted() }
        for id in sources.keys { map[id] = [] }
        for (id, exposure) in exposures { map[id] = exposure.dependsOn.nodes.sorted() }
        return map
    }

    /// `child_map`: the inverse of `parentMap`.
    public var childMap: [String: [String]] {
        var map: [String: [String]] = [:]
        for id in nodes.keys { map[id] = [] }
        for id in sources.keys { map[id] = [] }
        for id in exposures.keys { map[id] = [] }
        for (child, parents) in parentMap {
            for parent in parents { map[parent, default: []].append(child) }
        }
        for key in map.keys { map[key]?.sort() }
        return map
    }
}
