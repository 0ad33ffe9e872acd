import Artifacts
import Parallelism
import ProjectModel
import Selection

/// Judges the current project against an earlier invocation's manifest.json (and
/// run_results.json) as dbt's `state:` and `result:` selector methods do.
///
/// Both sides are compared as manifest entries: the current project's as Weir writes them
/// (`ManifestWriter`), the earlier one's as read, so that a manifest written by dbt compares as
/// one written by Weir (the two write the fields compared here alike; the fixture tests hold
/// them to it).
public struct StateComparison {
    let manifest: Manifest
    let writer: ManifestWriter
    let previous: JSONValue
    /// The packages whose macros are compared: the project's and its installed packages'.
    /// The built-in macros of `dbt` and its adapters are not: Weir's are its own implementation,
    /// so comparing them with those of a manifest written by dbt would mark every node modified.
    let projectPackages: Set<String>

    public init(manifest: Manifest, writer: ManifestWriter, previous: JSONValue, projectPackages: Set<String>) {
        self.manifest = manifest
        self.writer = writer
        self.previous = previous
        self.projectPackages = projectPackages
    }

    /// The `state:` matches of every current resource, and the earlier results' statuses.
    public func previousState(results: JSONValue?) -> PreviousState {
        let changedMacros = MacroChanges(manifest: manifest, previous: previous, projectPackages: projectPackages)
        let section = { (name: String) in previous[name]?.objectValue ?? JSONObject() }
        let (nodes, sources, exposures, unitTests) = (section("nodes"), section("sources"), section("exposures"), section("unit_tests"))
        var matches: [String: StateMatches] = [:]
        let ids = manifest.nodes.keys.sorted()
        let judged = ids.concurrentMap { id -> StateMatches in
            let node = manifest.nodes[id]!
            let entry = writer.nodeObject(node)
            return Self.node(entry, previous: nodes[id], macrosChanged: changedMacros.reach(node.dependsOn.macros))
        }
        for (id, match) in zip(ids, judged) { matches[id] = match }
        for (id, source) in manifest.sources {
            matches[id] = Self.source(writer.sourceObject(source), previous: sources[id])
        }
        for (id, exposure) in manifest.exposures {
            let macrosChanged = changedMacros.reach(exposure.dependsOn.macros)
            matches[id] = Self.exposure(writer.exposureObject(exposure), previous: exposures[id], macrosChanged: macrosChanged)
        }
        let semanticSections: [ResourceType: JSONObject] = [
            .metric: section("metrics"), .semanticModel: section("semantic_models"), .savedQuery: section("saved_queries"),
        ]
        for (id, resource) in manifest.semanticResources {
            let old = semanticSections[resource.resourceType]?[id]
            matches[id] = Self.semantic(writer.semanticObject(resource), previous: old, type: resource.resourceType)
        }
        // (A unit test's `depends_on.macros` is empty, in dbt's manifests as in Weir's.)
        for (id, test) in manifest.unitTests {
            matches[id] = Self.unitTest(writer.unitTestObject(test), previous: unitTests[id])
        }
        return PreviousState(matches: matches, resultStatuses: results.map(Self.statuses))
    }

    /// `status` of each of run_results.json's `results`, by `unique_id`.
    static func statuses(_ results: JSONValue) -> [String: String] {
        var statuses: [String: String] = [:]
        for result in results["results"]?.arrayValue ?? [] {
            if let id = result["unique_id"]?.stringValue, let status = result["status"]?.stringValue { statuses[id] = status }
        }
        return statuses
    }

    // MARK: - Each kind of resource, as dbt's classes compare themselves

    /// A model, seed, snapshot, analysis, test or hook (dbt's `ParsedNode` and subclasses).
    static func node(_ new: JSONValue, previous old: JSONValue?, macrosChanged: Bool) -> StateMatches {
        guard let old else {
            var matches: StateMatches = [.new, .modified, .modifiedBody, .modifiedConfigs, .modifiedRelation, .modifiedPersistedDescriptions, .modifiedContract]
            if macrosChanged { matches.insert(.modifiedMacros) }
            return matches
        }
        let isModel = new["resource_type"] == "model"
        let sameBody = new["resource_type"] == "seed" ? equal(new["checksum"], old["checksum"]) : equal(new["raw_code"], old["raw_code"])
        let sameConfig = sameNodeConfig(new, old)
        let samePersistedDescription = Self.samePersistedDescription(new, old)
        let sameRelation = ["database", "schema", "alias"].allSatisfy {
            equal(new["unrendered_config"]?[$0], old["unrendered_config"]?[$0])
        }
        let sameContract = isModel ? Self.sameContract(new, old) : true
        let sameFQN = equal(new["fqn"], old["fqn"])
        let sameContents: Bool
        if isGenericTest(new) {
            sameContents = sameConfig && sameFQN
        } else {
            let sameRefRepresentation = !isModel || ["latest_version", "access", "deprecation_date"].allSatisfy { equal(new[$0], old[$0]) }
            sameContents = sameBody && sameConfig && samePersistedDescription && sameFQN && sameRelation && sameContract && sameRefRepresentation
        }
        let contractChanged = old["resource_type"] == "model" && !sameContract
        var matches: StateMatches = []
        if !sameContents || macrosChanged || contractChanged { matches.insert(.modified) }
        if !sameBody { matches.insert(.modifiedBody) }
        if !sameConfig { matches.insert(.modifiedConfigs) }
        if !sameRelation { matches.insert(.modifiedRelation) }
        if !samePersistedDescription { matches.insert(.modifiedPersistedDescriptions) }
        if macrosChanged { matches.insert(.modifiedMacros) }
        if !sameContract { matches.insert(.modifiedContract) }
        return matches
    }

    /// dbt's `SourceDefinition.same_contents`: a new source is not "modified" (only `new`).
    static func source(_ new: JSONValue, previous old: JSONValue?) -> StateMatches {
        guard let old else { return [.new, .modifiedConfigs, .modifiedRelation] }
        let sameRelation = ["database", "schema", "identifier"].allSatisfy { equal(new[$0], old[$0]) }
        let sameConfig = sameConfigKeys(new["unrendered_config"], old["unrendered_config"], excluding: [])
        let sameRest = ["fqn", "quoting", "freshness", "loaded_at_field", "external"].allSatisfy { equal(new[$0], old[$0]) }
        var matches: StateMatches = []
        if !(sameRelation && sameConfig && sameRest) { matches.insert(.modified) }
        if !sameConfig { matches.insert(.modifiedConfigs) }
        if !sameRelation { matches.insert(.modifiedRelation) }
        return matches
    }

    /// dbt's `Exposure.same_contents`: a new exposure is not "modified" either.
    static func exposure(_ new: JSONValue, previous old: JSONValue?, macrosChanged: Bool) -> StateMatches {
        var matches: StateMatches = macrosChanged ? [.modifiedMacros] : []
        guard let old else {
            matches.formUnion([.new, .modifiedConfigs])
            if macrosChanged { matches.insert(.modified) }
            return matches
        }
        let sameConfig = sameConfigKeys(new["unrendered_config"], old["unrendered_config"], excluding: [])
        let sameFields = ["fqn", "type", "owner", "maturity", "url", "description", "label"].allSatisfy { equal(new[$0], old[$0]) }
        let dependencies = { (entry: JSONValue) in Set((entry["depends_on"]?["nodes"]?.arrayValue ?? []).compactMap(\.stringValue)) }
        if !(sameConfig && sameFields && dependencies(new) == dependencies(old)) || macrosChanged { matches.insert(.modified) }
        if !sameConfig { matches.insert(.modifiedConfigs) }
        return matches
    }

    /// dbt's `same_contents` of a `Metric`, `SemanticModel` or `SavedQuery`: the fields each
    /// compares (a metric: its type, description, label and unrendered config; its filter and
    /// type parameters dbt leaves uncompared), and `same_config` for `modified.configs`. As with
    /// exposures, a new one is not "modified".
    static func semantic(_ new: JSONValue, previous old: JSONValue?, type: ResourceType) -> StateMatches {
        guard let old else { return [.new, .modifiedConfigs] }
        let sameConfig: Bool
        let sameFields: Bool
        switch type {
        case .metric:
            sameConfig = sameConfigKeys(new["unrendered_config"], old["unrendered_config"], excluding: [])
            sameFields = ["type", "description", "label"].allSatisfy { equal(new[$0], old[$0]) }
        case .semanticModel:
            sameConfig = equal(new["config"], old["config"])
            sameFields = ["model", "description", "defaults", "entities", "dimensions", "measures", "primary_entity", "group"]
                .allSatisfy { equal(new[$0], old[$0]) }
        default:
            sameConfig = equal(new["config"], old["config"])
            let sameQuery = ["metrics", "group_by", "where"].allSatisfy { equal(new["query_params"]?[$0], old["query_params"]?[$0]) }
            sameFields = sameQuery && ["description", "label", "group", "tags"].allSatisfy { equal(new[$0], old[$0]) }
                && sameExports(new["exports"], old["exports"])
        }
        var matches: StateMatches = []
        if !(sameConfig && sameFields) { matches.insert(.modified) }
        if !sameConfig { matches.insert(.modifiedConfigs) }
        return matches
    }

    /// dbt's `SavedQuery.same_exports`: the same exports in the same order, each with the same
    /// name and unrendered `export_as`, `schema` and `alias`.
    static func sameExports(_ new: JSONValue?, _ old: JSONValue?) -> Bool {
        let (mine, theirs) = (new?.arrayValue ?? [], old?.arrayValue ?? [])
        guard mine.count == theirs.count else { return false }
        return zip(mine, theirs).allSatisfy { a, b in
            equal(a["name"], b["name"])
                && ["export_as", "schema", "alias"].allSatisfy { equal(a["unrendered_config"]?[$0], b["unrendered_config"]?[$0]) }
        }
    }

    /// dbt's `UnitTestDefinition.same_contents`: its checksum (of everything but the description).
    static func unitTest(_ new: JSONValue, previous old: JSONValue?) -> StateMatches {
        guard let old else { return [.new, .modified] }
        return equal(new["checksum"], old["checksum"]) ? [] : [.modified]
    }

    // MARK: - The comparisons

    static func isGenericTest(_ entry: JSONValue) -> Bool {
        entry["resource_type"] == "test" && (entry["test_metadata"].map { $0 != .null } ?? false)
    }

    /// dbt's `same_config`: the `unrendered_config`s compared key by key, but for the keys the
    /// config class leaves out (those of the relation's name, and tags and group), and for tests
    /// only the keys that change how a test judges (`TestConfig.same_contents`).
    static func sameNodeConfig(_ new: JSONValue, _ old: JSONValue) -> Bool {
        let (mine, theirs) = (new["unrendered_config"], old["unrendered_config"])
        if new["resource_type"] == "test" {
            return ["severity", "where", "limit", "fail_calc", "warn_if", "error_if", "store_failures", "store_failures_as"]
                .allSatisfy { sameKey($0, mine, theirs) }
        }
        return sameConfigKeys(mine, theirs, excluding: ["alias", "schema", "database", "tags", "group"])
    }

    static func sameConfigKeys(_ mine: JSONValue?, _ theirs: JSONValue?, excluding excluded: Set<String>) -> Bool {
        let keys = Set((mine?.objectValue?.keys ?? []) + (theirs?.objectValue?.keys ?? [])).subtracting(excluded)
        return keys.allSatisfy { sameKey($0, mine, theirs) }
    }

    /// dbt's `compare_key`: both absent, or both present and equal.
    static func sameKey(_ key: String, _ mine: JSONValue?, _ theirs: JSONValue?) -> Bool {
        switch (mine?[key], theirs?[key]) {
        case (nil, nil): return true
        case (let a?, let b?): return equal(a, b)
        default: return false
        }
    }

    /// dbt's `same_persisted_description`, by the current node's `persist_docs`.
    static func samePersistedDescription(_ new: JSONValue, _ old: JSONValue) -> Bool {
        let persistDocs = new["config"]?["persist_docs"]
        if truthy(persistDocs?["relation"]), !equal(new["description"], old["description"]) { return false }
        if truthy(persistDocs?["columns"]) {
            let descriptions = { (entry: JSONValue) -> [String: JSONValue] in
                var byName: [String: JSONValue] = [:]
                for (key, column) in entry["columns"]?.objectValue ?? JSONObject() { byName[key] = column["description"] ?? .null }
                return byName
            }
            let (mine, theirs) = (descriptions(new), descriptions(old))
            if mine.keys.sorted() != theirs.keys.sorted() || mine.contains(where: { !equal($0.value, theirs[$0.key]) }) {
                return false
            }
        }
        return true
    }

    /// `ModelNode.same_contract`, as far as it decides "the same" (the breaking changes it
    /// raises are reported where `--state` is read: `ContractChanges`).
    static func sameContract(_ new: JSONValue, _ old: JSONValue) -> Bool {
        let enforced = { (entry: JSONValue) in entry["contract"]?["enforced"] == .bool(true) }
        let (was, now) = (enforced(old), enforced(new))
        if !was && !now { return true }
        return was && now && equal(new["contract"]?["checksum"], old["contract"]?["checksum"])
    }

    /// Python's truth of a JSON value.
    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?, .bool(false)?, .int(0)?, .double(0)?, .string("")?: return false
        case .array(let items)?: return !items.isEmpty
        case .object(let members)?: return !members.isEmpty
        default: return true
        }
    }

    /// Python's `==` between the values two manifests hold: dicts without regard to order,
    /// numbers and booleans by value (`1 == 1.0 == True`), a missing field as `None`.
    static func equal(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a ?? .null, b ?? .null) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { member in y[member.key].map { equal(member.value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (let x, let y):
            if let p = number(x), let q = number(y) { return p == q }
            return x == y
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// dbt's `_macros_modified` and the walk through a node's macros: which macros changed, and
/// whether a list of macros reaches one through the macros they call.
struct MacroChanges {
    private let changed: Set<String>
    private var dependencies: [String: [String]] = [:]

    init(manifest: Manifest, previous: JSONValue, projectPackages: Set<String>) {
        let before = previous["macros"]?.objectValue ?? JSONObject()
        var changed: Set<String> = []
        for (id, macro) in manifest.macros where projectPackages.contains(macro.packageName) {
            if before[id]?["macro_sql"]?.stringValue != macro.macroSQL { changed.insert(id) }
        }
        for (id, macro) in before where manifest.macros[id] == nil {
            if let package = macro["package_name"]?.stringValue, projectPackages.contains(package) { changed.insert(id) }
        }
        self.changed = changed
        if !changed.isEmpty {
            for (id, macro) in manifest.macros { dependencies[id] = macro.dependsOn }
        }
    }

    /// Whether any of `macros`, or a macro they call, changed.
    func reach(_ macros: [String]) -> Bool {
        guard !changed.isEmpty else { return false }
        var seen: Set<String> = []
        var pending = macros
        while let id = pending.popLast() {
            guard seen.insert(id).inserted else { continue }
            if changed.contains(id) { return true }
            pending += dependencies[id] ?? []
        }
        return false
    }
}
