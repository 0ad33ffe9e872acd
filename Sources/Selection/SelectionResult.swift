/// The outcome of a selection.
public struct SelectionResult: Sendable, Hashable {
    /// Unique ids of the selected nodes, sources and exposures.
    public var selected: Set<String>
    /// `--select` and `--exclude` arguments (each space-separated part, as written) that matched
    /// no enabled resource. dbt warns about each: "The selection criterion 'x' does not match any
    /// enabled nodes".
    public var unmatched: [String]
    /// The named selector that made the selection: `--selector`'s, or the `default: true` one.
    public var selectorName: String?

    public init(selected: Set<String>, unmatched: [String] = [], selectorName: String? = nil) {
        self.selected = selected
        self.unmatched = unmatched
        self.selectorName = selectorName
    }
}
