import Foundation
import Jinja
import ProjectModel

/// Which of dbt's two renders a node is in: parsing records `ref`/`source`/`config` calls with
/// `execute = false`; compiling resolves them to relations with `execute = true`.
enum RenderPhase {
    case parse
    case compile
}

/// What one render of one node records: the calls it made and the ephemeral models it used.
final class NodeRenderState {
    var node: ManifestNode
    let phase: RenderPhase
    var refs: [RefCall] = []
    var sources: [SourceCall] = []
    var configCalls = ConfigMap()
    /// Ephemeral models referenced while compiling, in order of first use.
    var ephemeralRefs: [String] = []
    /// Set while compiling one batch of a microbatch model.
    var batch: BatchRender?
    /// Set while compiling a model under a unit test.
    var unitTest: UnitTestRender?
    /// Results of this render's `statement` blocks by name, for `load_result` (as dbt keeps
    /// them in each node's context).
    var statementResults: [String: Value] = [:]
    /// Set for a SQL file's parse render, which may run on any thread: the environment variables
    /// it reads (with the values it saw, nil: unset) and the lines it prints are kept here, and
    /// recorded and printed when the render is taken (in file order). Other renders record and
    /// print at once.
    var keepsEffects = false
    var environmentRead: [String: String?] = [:]
    var printedLines: [String] = []

    init(node: ManifestNode, phase: RenderPhase) {
        self.node = node
        self.phase = phase
    }
}

/// One batch of a microbatch model as its render sees it: upstream refs with an `event_time`
/// are filtered to `[start, end)`, `model.batch` describes it, and `is_incremental()` answers
/// whether the target already holds the earlier batches.
public struct BatchRender: Sendable {
    public var id: String
    public var start: Date
    public var end: Date
    public var incremental: Bool

    public init(id: String, start: Date, end: Date, incremental: Bool) {
        self.id = id
        self.start = start
        self.end = end
        self.incremental = incremental
    }
}
