/// The kinds of resource a dbt project defines, spelled as dbt spells them in unique ids and
/// in `--resource-type`.
public enum ResourceType: String, Sendable, Hashable, CaseIterable, Comparable {
    case model, seed, test, snapshot, analysis, operation, source, exposure, macro, doc, unitTest = "unit_test"
    case semanticModel = "semantic_model", metric, savedQuery = "saved_query"

    /// Whether resources of this kind live in the manifest's `nodes` map.
    public var isNode: Bool {
        switch self {
        case .model, .seed, .test, .snapshot, .analysis, .operation: return true
        case .source, .exposure, .macro, .doc, .unitTest, .semanticModel, .metric, .savedQuery: return false
        }
    }

    /// Whether nodes of this kind are built in the warehouse (they get a relation).
    public var isRelational: Bool {
        switch self {
        case .model, .seed, .snapshot, .source: return true
        default: return false
        }
    }

    /// Whether resources of this kind belong to dbt's semantic layer (`SemanticResource`).
    public var isSemantic: Bool { self == .semanticModel || self == .metric || self == .savedQuery }

    public static func < (lhs: ResourceType, rhs: ResourceType) -> Bool { lhs.rawValue < rhs.rawValue }
}
