/// The kinds of resource a dbt project defines, spelled as dbt spells them in unique ids and
/// in `--resource-type`.
public enum ResourceType: String, Sendable, Hashable, CaseIterable, Comparable {
    case model, seed, test, snapshot, analysis, operation, source, exposure, macro, doc, unitTest = "unit_test"

    /// Whether resources of this kind live in the manifest's `nodes` map.
    public var isNode: Bool {
        switch self {
        case .model, .seed, .test, .snapshot, .analysis, .operation: return true
        case .source, .exposure, .macro, .doc, .unitTest: return false
        }
    }

    /// Whether nodes of this kind are built in the warehouse (they get a relation).
    public var isRelational: Bool {
        switch self {
        case .model, .seed, .snapshot, .source: return true
        default: return false
        }
    }

    public static func < (lhs: ResourceType, rhs: ResourceType) -> Bool { lhs.rawValue < rhs.rawValue }
}
