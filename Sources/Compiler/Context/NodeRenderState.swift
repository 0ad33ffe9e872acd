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

    init(node: ManifestNode, phase: RenderPhase) {
        self.node = node
        self.phase = phase
    }
}
