import ProjectModel

/// dbt's `--defer`: a `ref` to a node this invocation does not build, and whose relation is not in
/// the target, resolves to the relation the earlier manifest (`--state`/`--defer-state`) names
/// for it (dbt's `defer_relation`), so a CI run builds only what changed, reading the rest from
/// production.
public struct Deferral: Sendable {
    /// Where the earlier manifest's node was built.
    public struct Relation: Sendable, Equatable {
        public var database: String?
        public var schema: String
        public var alias: String

        public init(database: String?, schema: String, alias: String) {
            self.database = database
            self.schema = schema
            self.alias = alias
        }
    }

    /// By unique id: the earlier manifest's models, seeds and snapshots that are not ephemeral
    /// and are still in the project.
    public var relations: [String: Relation]
    /// `--favor-state`: defer every unselected node, whether or not its relation exists.
    public var favorState: Bool
    /// The nodes this invocation selected.
    public var selected: Set<String>
    /// Whether a node's own relation exists in the target (dbt asks its relation cache).
    public var exists: @Sendable (ManifestNode) -> Bool

    public init(
        relations: [String: Relation], favorState: Bool, selected: Set<String>,
        exists: @escaping @Sendable (ManifestNode) -> Bool
    ) {
        self.relations = relations
        self.favorState = favorState
        self.selected = selected
        self.exists = exists
    }

    /// dbt's `RuntimeRefResolver.create_relation`: the earlier relation of `node`, if a ref to it defers.
    func relation(for node: ManifestNode) -> Relation? {
        guard !node.isEphemeral, let relation = relations[node.uniqueID] else { return nil }
        if favorState, !selected.contains(node.uniqueID) { return relation }
        return exists(node) ? nil : relation
    }
}
