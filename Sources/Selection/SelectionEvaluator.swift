import Diagnostics
import ProjectModel

/// Evaluates a spec as dbt's `NodeSelector` does: each criterion gives the nodes it selects
/// directly plus tests waiting for more of their parents ("indirect"); groups combine both sets
/// with their set operation and then let waiting tests in when their mode allows.
struct SelectionEvaluator {
    let universe: SelectionGraph
    let selectors: SelectorDefinitions
    let request: SelectionRequest
    /// Command-line arguments that selected nothing, in the order they were evaluated.
    private(set) var unmatched: [String] = []
    /// The named selectors being evaluated, outermost first, to report loops.
    private var selectorPath: [String] = []

    init(universe: SelectionGraph, selectors: SelectorDefinitions, request: SelectionRequest) {
        self.universe = universe
        self.selectors = selectors
        self.request = request
    }

    /// The final selection of `spec`: what it selects directly, keeping the request's resource
    /// types and (unless asked) dropping empty nodes.
    mutating func selected(_ spec: SelectionSpec) throws(Diagnostic) -> Set<String> {
        let (direct, _) = try evaluate(spec)
        return direct.filter { id in
            guard let resource = universe.resources[id] else { return false }
            if let types = request.resourceTypes, !types.contains(resource.resourceType) { return false }
            return request.includeEmptyNodes || !resource.isEmpty
        }
    }

    /// The final selection of the named selector.
    mutating func selected(bySelectorNamed name: String, origin: String) throws(Diagnostic) -> Set<String> {
        guard let definition = selectors.definitions[name] else {
            throw .unknownSelector(name, known: selectors.names, origin: origin)
        }
        return try selected(definition)
    }

    private mutating func selected(_ definition: SelectorDefinitions.Definition) throws(Diagnostic) -> Set<
        String
    > {
        if selectorPath.contains(definition.name) { throw .selectorCycle(selectorPath + [definition.name]) }
        selectorPath.append(definition.name)
        defer { selectorPath.removeLast() }
        return try selected(definition.spec)
    }

    private mutating func evaluate(_ spec: SelectionSpec) throws(Diagnostic) -> (
        direct: Set<String>, indirect: Set<String>
    ) {
        switch spec {
        case .criterion(let criterion):
            return try evaluate(criterion)
        case .group(let group):
            var directSets: [Set<String>] = []
            var indirectSets: [Set<String>] = []
            for component in group.components {
                let (direct, indirect) = try evaluate(component)
                directSets.append(direct)
                indirectSets.append(direct.union(indirect))
            }
            let indirect = Self.combine(indirectSets, group.operation)
            let direct = incorporate(
                indirect, into: Self.combine(directSets, group.operation),
                mode: group.indirectSelection ?? request.indirectSelection)
            if let raw = group.reportIfEmpty, direct.isEmpty { unmatched.append(raw) }
            return (direct, indirect)
        }
    }

    private mutating func evaluate(_ criterion: SelectionCriterion) throws(Diagnostic) -> (
        direct: Set<String>, indirect: Set<String>
    ) {
        let collected: Set<String>
        if criterion.method == .selector {
            collected = try selectedByNamedSelectors(matching: criterion)
        } else {
            collected = try universe.search(criterion)
        }
        var selected = collected
        if criterion.childrensParents {
            selected.formUnion(universe.descendantsAndTheirAncestors(of: collected))
        }
        if criterion.parents {
            selected.formUnion(universe.ancestors(of: collected, depth: criterion.parentsDepth))
        }
        if criterion.children {
            selected.formUnion(universe.descendants(of: collected, depth: criterion.childrenDepth))
        }

        let mode = criterion.indirectSelection ?? request.indirectSelection
        // A named selector already brought its tests along (or excluded them on purpose).
        if mode == .empty || criterion.method == .selector { return (selected, []) }
        return expand(selected, mode: mode)
    }

    /// `selector:pattern`: the union of every named selector whose name matches.
    private mutating func selectedByNamedSelectors(matching criterion: SelectionCriterion) throws(Diagnostic)
        -> Set<String>
    {
        let pattern = WildcardPattern(criterion.stringValue)
        let names = selectors.names.sorted().filter(pattern.matches)
        guard !names.isEmpty else {
            throw .unknownSelector(
                criterion.stringValue, known: selectors.names,
                origin: "\(criterion.origin) '\(criterion.raw)'")
        }
        var selected: Set<String> = []
        for name in names {
            guard let definition = selectors.definitions[name] else { continue }
            selected.formUnion(try self.selected(definition))
        }
        return selected
    }

    /// Adds the tests just below `selected` that `mode` lets in; the others wait as indirect.
    private func expand(_ selected: Set<String>, mode: IndirectSelection) -> (
        direct: Set<String>, indirect: Set<String>
    ) {
        var direct = selected
        var indirect: Set<String> = []
        let buildable = mode == .buildable ? buildableSet(selected) : []
        for id in universe.children(of: selected) {
            guard let parents = Self.testedParents(universe.resources[id]) else { continue }
            switch mode {
            case .eager: direct.insert(id)
            case _ where parents.isSubset(of: selected): direct.insert(id)
            case .buildable where parents.isSubset(of: buildable): direct.insert(id)
            case .empty: break
            default: indirect.insert(id)
            }
        }
        return (direct, indirect)
    }

    /// Lets in the waiting tests whose parents the combined selection now covers.
    private func incorporate(_ indirect: Set<String>, into direct: Set<String>, mode: IndirectSelection)
        -> Set<String>
    {
        guard direct != indirect else { return direct }
        var selected = direct
        switch mode {
        case .cautious:
            for id in indirect {
                guard let parents = Self.testedParents(universe.resources[id]) else { continue }
                if parents.isSubset(of: selected) { selected.insert(id) }
            }
        case .buildable:
            let buildable = direct.union(universe.ancestors(of: direct))
            for id in indirect {
                guard let parents = Self.testedParents(universe.resources[id]) else { continue }
                if parents.isSubset(of: buildable) { selected.insert(id) }
            }
        case .eager, .empty:
            break
        }
        return selected
    }

    /// What a test (data or unit) tests, the nodes whose selection may bring it along; nil for
    /// anything else, which is never selected indirectly (dbt's `can_select_indirectly`).
    private static func testedParents(_ resource: SelectableResource?) -> Set<String>? {
        switch resource {
        case .node(let node)? where node.resourceType == .test: return Set(node.dependsOn.nodes)
        case .unitTest(let test)?: return Set(test.dependsOnNodes)
        default: return nil
        }
    }

    /// What a test may depend on to be let in at once in buildable mode: the selection, its
    /// ancestors and every source.
    private func buildableSet(_ selected: Set<String>) -> Set<String> {
        var allowed = selected.union(universe.ancestors(of: selected))
        for (id, resource) in universe.resources where resource.resourceType == .source { allowed.insert(id) }
        return allowed
    }

    private static func combine(_ sets: [Set<String>], _ operation: SelectionGroup.Operation) -> Set<String> {
        guard var result = sets.first else { return [] }
        for set in sets.dropFirst() {
            switch operation {
            case .union: result.formUnion(set)
            case .intersection: result.formIntersection(set)
            case .difference: result.subtract(set)
            }
        }
        return result
    }
}
