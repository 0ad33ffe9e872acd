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
    /// Source tables whose `enabled` config is false, by unique id (in dbt's `disabled`).
    public var disabledSources: [String: SourceDefinition] = [:]
    /// Unit tests (`unit_tests:` entries), by unique id.
    public var unitTests: [String: UnitTestDefinition] = [:]
    /// Unit tests disabled by their config or their model's (listed in dbt's `disabled`).
    public var disabledUnitTests: [String: UnitTestDefinition] = [:]
    /// Semantic models, metrics and saved queries, enabled, by unique id (dbt's
    /// `semantic_models`, `metrics` and `saved_queries`).
    public var semanticResources: [String: SemanticResource] = [:]
    /// Those disabled by their config (listed in dbt's `disabled`).
    public var disabledSemanticResources: [String: SemanticResource] = [:]
    /// `selectors.yml` definitions as written.
    public var selectors = ConfigMap()
    public var quoting = ConfigMap()

    public init(projectName: String, adapterType: String) {
        self.projectName = projectName
        self.adapterType = adapterType
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
