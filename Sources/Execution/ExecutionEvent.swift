/// What the executor reports as it goes, in order, from one thread at a time.
public enum ExecutionEvent: Sendable {
    /// A node started; `index` counts from 1 in order of starting.
    case started(id: String, index: Int, total: Int)
    case finished(NodeResult, index: Int, total: Int)
    /// A node was skipped because `cause` (an ancestor) failed, or the run was cancelled.
    case skipped(NodeResult, cause: String?, index: Int, total: Int)
    /// A statement about to run (shown with `--debug`).
    case statement(id: String, sql: String)
}
