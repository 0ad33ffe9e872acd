import DAG
import Diagnostics
import Parallelism
import ProjectModel

/// What can be selected in one manifest: its enabled nodes, sources and exposures, and the
/// dependency graph between them. Build it once per manifest and select from it many times.
public struct SelectionGraph: Sendable {
    /// Enabled nodes, sources and exposures by unique id, with `parent → child` edges from
    /// `depends_on`. Disabled resources are not in it, so they are never selected.
    public let graph: Graph<String>
    let resources: [String: SelectableResource]
    /// The resources sorted by unique id, so every search visits them deterministically.
    let orderedResources: [SelectableResource]
    let projectName: String
    /// The files of the root project's resources and their properties files, for `path:`
    /// (indexed as `ProjectFiles` only when a `path:` criterion asks).
    let rootPaths: [String]
    /// What `state:` and `result:` criteria compare with (`--state`); asked at each such
    /// criterion, so a caller that reads files for it should read them once. Nil without `--state`.
    public var previousState: (@Sendable () throws(Diagnostic) -> PreviousState)?
    /// What `source_status:` compares: the sources whose newest load time in the current
    /// `target/sources.json` is later than in `--state`'s (asked at each such criterion). Nil
    /// without `--state`.
    public var fresherSources: (@Sendable () throws(Diagnostic) -> Set<String>)?

    public init(manifest: Manifest) {
        var resources: [String: SelectableResource] = [:]
        for (id, node) in manifest.nodes where node.isEnabled { resources[id] = .node(node) }
        for (id, source) in manifest.sources where source.isEnabled { resources[id] = .source(source) }
        for (id, exposure) in manifest.exposures {
            let resource = SelectableResource.exposure(exposure)
            if resource.isEnabled { resources[id] = resource }
        }
        for (id, test) in manifest.unitTests where test.isEnabled { resources[id] = .unitTest(test) }
        for (id, resource) in manifest.semanticResources { resources[id] = .semantic(resource) }
        let orderedIDs = resources.keys.sorted()
        var graph = Graph<String>()
        for id in orderedIDs { graph.add(id) }
        for id in orderedIDs {
            for parent in resources[id]?.parentIDs ?? [] where resources[parent] != nil {
                graph.addEdge(from: parent, to: id)
            }
        }
        self.graph = graph
        self.resources = resources
        self.orderedResources = orderedIDs.compactMap { resources[$0] }
        self.projectName = manifest.projectName

        // Disabled resources' files are on disk too, so they count for `path:` globs.
        var rootPaths: [String] = []
        var everything: [SelectableResource] =
            manifest.nodes.values.map { .node($0) } + manifest.sources.values.map { .source($0) }
            + manifest.exposures.values.map { .exposure($0) }
            + manifest.unitTests.values.map { .unitTest($0) } + manifest.disabledUnitTests.values.map { .unitTest($0) }
            + manifest.semanticResources.values.map { .semantic($0) }
            + manifest.disabledSemanticResources.values.map { .semantic($0) }
        everything += manifest.disabled.values.flatMap { $0.map { SelectableResource.node($0) } }
        for resource in everything where resource.packageName == manifest.projectName {
            rootPaths.append(resource.originalFilePath)
            if let patch = resource.patchFilePath { rootPaths.append(patch) }
        }
        self.rootPaths = rootPaths
    }

    /// What `SelectionGraph(manifest:).select(request, selectors:).selected` is, sorted, when the
    /// request names nothing and no selector is the default: every enabled node with a qualified
    /// name, source, exposure and unit test, less the types and empty files the request leaves out. Worked
    /// out from the manifest alone: building the graph costs a large project's `compile` a tenth
    /// of its time. Nil for any other request.
    public static func everything(
        in manifest: Manifest, for request: SelectionRequest, selectors: SelectorDefinitions = SelectorDefinitions()
    ) -> [String]? {
        guard request.select.isEmpty, request.exclude.isEmpty, request.selector == nil, selectors.defaultSelector == nil
        else { return nil }
        var selected: [String] = []
        selected.reserveCapacity(manifest.nodes.count + manifest.sources.count + manifest.exposures.count)
        func wanted(_ resource: SelectableResource) -> Bool {
            if let types = request.resourceTypes, !types.contains(resource.resourceType) { return false }
            return resource.isEnabled && (request.includeEmptyNodes || !resource.isEmpty)
        }
        // `fqn:*` matches a node with a qualified name; `source:*` and `exposure:*` match all.
        // (The nodes read on all cores, by entry position: every invocation selects them all.)
        let nodes = manifest.nodes
        let positions = Array(nodes.indices)
        let wantedNodes = positions.concurrentMap { position in
            !nodes.values[position].fqn.isEmpty && wanted(.node(nodes.values[position]))
        }
        for (position, isWanted) in zip(positions, wantedNodes) where isWanted { selected.append(nodes.keys[position]) }
        for (id, source) in manifest.sources where wanted(.source(source)) { selected.append(id) }
        for (id, exposure) in manifest.exposures where wanted(.exposure(exposure)) { selected.append(id) }
        for (id, test) in manifest.unitTests where wanted(.unitTest(test)) { selected.append(id) }
        for (id, resource) in manifest.semanticResources where wanted(.semantic(resource)) { selected.append(id) }
        return selected.sortedByCodePoint()
    }

    /// The unique ids `request` selects. Throws for a criterion or selector that cannot be
    /// understood; a criterion that matches nothing is not an error but is reported in
    /// `SelectionResult.unmatched`.
    public func select(_ request: SelectionRequest, selectors: SelectorDefinitions = SelectorDefinitions())
        throws(Diagnostic) -> SelectionResult
    {
        var evaluator = SelectionEvaluator(universe: self, selectors: selectors, request: request)
        if let name = request.selector {
            let selected = try evaluator.selected(bySelectorNamed: name, origin: "--selector")
            return SelectionResult(selected: selected, unmatched: [], selectorName: name)
        }
        if request.select.isEmpty, request.exclude.isEmpty, let name = selectors.defaultSelector {
            let selected = try evaluator.selected(bySelectorNamed: name, origin: "default selector")
            return SelectionResult(selected: selected, unmatched: [], selectorName: name)
        }
        let spec = try SelectionSpec.commandLine(select: request.select, exclude: request.exclude)
        let selected = try evaluator.selected(spec)
        return SelectionResult(selected: selected, unmatched: evaluator.unmatched, selectorName: nil)
    }
}
