import ProjectModel
import SQLDialect

/// dbt's `--defer`: a `ref` to a node this invocation does not build, and whose relation is not in
/// the target, resolves to the relation the earlier manifest (`--state`/`--defer-state`) names
/// for it (dbt's `defer_relation`), so a CI run builds only what changed, reading the rest from
/// production.
public struct Deferral: Sendable {
    /// By unique id, where the earlier manifest built its models, seeds and snapshots (those
    /// that are not ephemeral and are still in the project).
    public var relations: [String: RelationName]
    /// `--favor-state`: defer every unselected node, whether or not its relation exists.
    public var favorState: Bool
    /// The nodes this invocation selected.
    public var selected: Set<String>
    /// Whether a node's own relation exists in the target (dbt asks its relation cache).
    public var exists: @Sendable (ManifestNode) -> Bool

    public init(
        relations: [String: RelationName], favorState: Bool, selected: Set<String>,
        exists: @escaping @Sendable (ManifestNode) -> Bool
    ) {
        self.relations = relations
        self.favorState = favorState
        self.selected = selected
        self.exists = exists
    }

    /// dbt's `RuntimeRefResolver.create_relation`: the earlier relation of `node`, if a ref to it defers.
    func relation(for node: ManifestNode) -> RelationName? {
        guard !node.isEphemeral, let relation = relations[node.uniqueID] else { return nil }
        if favorState, !selected.contains(node.uniqueID) { return relation }
        return exists(node) ? nil : relation
    }
}
