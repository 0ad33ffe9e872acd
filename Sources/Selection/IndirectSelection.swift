/// How tests join a selection through the models they test (dbt's `--indirect-selection`).
///
/// Only tests are selected indirectly: a test is a child of every node it tests, and these modes
/// decide which of a selection's child tests come along.
public enum IndirectSelection: String, Sendable, Hashable, CaseIterable {
    /// A test comes along when any node it tests is selected (dbt's default).
    case eager
    /// A test comes along only when every node it tests is selected.
    case cautious
    /// A test comes along when every node it tests is selected or is an ancestor of the selection.
    case buildable
    /// No test comes along; only what the criteria name is selected.
    case empty
}
