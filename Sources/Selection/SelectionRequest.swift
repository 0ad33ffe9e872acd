import ProjectModel

/// What a command asks to select: dbt's `--select`, `--exclude`, `--selector`,
/// `--indirect-selection` and the resource types the command works on.
public struct SelectionRequest: Sendable, Hashable {
    /// `--select` arguments; each is space-separated unions of comma-separated intersections.
    /// Empty selects everything (or the selector with `default: true`).
    public var select: [String]
    /// `--exclude` arguments, in the same syntax, removed after selection.
    public var exclude: [String]
    /// `--selector`: a named selector of selectors.yml. When given, `select` and `exclude` are
    /// ignored, as dbt ignores them.
    public var selector: String?
    /// The resource types the command works on (`run`: models); nil keeps every type.
    public var resourceTypes: Set<ResourceType>?
    public var indirectSelection: IndirectSelection
    /// Whether to keep nodes whose file is empty, which dbt keeps only for `ls` and `docs`.
    public var includeEmptyNodes: Bool

    public init(
        select: [String] = [], exclude: [String] = [], selector: String? = nil,
        resourceTypes: Set<ResourceType>? = nil, indirectSelection: IndirectSelection = .eager,
        includeEmptyNodes: Bool = false
    ) {
        self.select = select
        self.exclude = exclude
        self.selector = selector
        self.resourceTypes = resourceTypes
        self.indirectSelection = indirectSelection
        self.includeEmptyNodes = includeEmptyNodes
    }
}
