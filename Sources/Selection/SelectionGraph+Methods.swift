import Diagnostics
import ProjectModel

/// The resources each selector method matches, as dbt's selector methods match them.
extension SelectionGraph {
    /// The resources that `criterion`'s method and value match, before graph operators.
    func search(_ criterion: SelectionCriterion) throws(Diagnostic) -> Set<String> {
        let value = criterion.stringValue
        switch criterion.method {
        case .fqn:
            return matching { resource in
                switch resource {
                case .node(let node):
                    return Self.qualifiedName(value, matches: node.fqn, isVersioned: node.isVersionedModel)
                case .exposure(let exposure):
                    return Self.qualifiedName(value, matches: exposure.fqn, isVersioned: false)
                case .unitTest(let test):
                    return Self.qualifiedName(value, matches: test.fqn, isVersioned: false)
                case .semantic(let resource):
                    return Self.qualifiedName(value, matches: resource.fqn, isVersioned: false)
                case .source: return false
                }
            }
        case .tag:
            let pattern = WildcardPattern(value)
            return matching { $0.tags.contains(where: pattern.matches) }
        case .group:
            let pattern = WildcardPattern(value)
            return matching { resource in
                guard case .node(let node) = resource, let group = node.effectiveGroup else { return false }
                return pattern.matches(group)
            }
        case .access:
            return matching { resource in
                guard case .node(let node) = resource, node.resourceType == .model else { return false }
                return node.access == value
            }
        case .source:
            return try sources(matching: value, criterion: criterion)
        case .exposure:
            return try named(.exposure, matching: value, criterion: criterion)
        case .semantic(let type):
            return try named(type, matching: value, criterion: criterion)
        case .path:
            return resources(inPath: value)
        case .file:
            let pattern = WildcardPattern(value)
            return matching { resource in
                let name = resource.originalFilePath.split(separator: "/").last.map(String.init) ?? ""
                return pattern.matches(name) || pattern.matches(Self.stem(of: name))
            }
        case .package:
            let pattern = WildcardPattern(value == "this" ? projectName : value)
            return matching { pattern.matches($0.packageName) }
        case .config(let keyPath):
            return matching { resource in
                guard let configured = Self.configValue(of: resource, at: keyPath) else { return false }
                return Self.config(
                    configured, matches: criterion.value, ignoringCase: keyPath == ["severity"])
            }
        case .testName:
            let pattern = WildcardPattern(value)
            return matching { resource in
                guard case .node(let node) = resource, node.resourceType == .test,
                    let test = node.testMetadata
                else {
                    return false
                }
                return pattern.matches(test.name)
            }
        case .testType:
            return try tests(ofType: value, criterion: criterion)
        case .resourceType:
            guard Self.dbtResourceTypes.contains(value) else {
                throw .invalidValue(
                    criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a resource type",
                    allowed: "use one of: " + Self.dbtResourceTypes.joined(separator: ", "))
            }
            return matching { $0.resourceType.rawValue == value }
        case .version:
            return try models(withVersion: value, criterion: criterion)
        case .unitTest:
            return try named(.unitTest, matching: value, criterion: criterion)
        case .state:
            guard let check = StateMatches.selectors.first(where: { $0.value == value }) else {
                throw .invalidValue(
                    criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a state",
                    allowed: "use one of: " + StateMatches.selectors.map(\.value).joined(separator: ", "))
            }
            let matches = try previousState(for: criterion).matches
            return matching { check.selects(matches[$0.uniqueID] ?? []) }
        case .result:
            guard let statuses = try previousState(for: criterion).resultStatuses else {
                throw .noPreviousResults(spec: criterion.raw, origin: criterion.origin)
            }
            return matching { statuses[$0.uniqueID] == value }
        case .sourceStatus:
            guard value == "fresher" else {
                throw .invalidValue(
                    criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a source status",
                    allowed: "use source_status:fresher")
            }
            guard let fresherSources else { throw .noPreviousState(spec: criterion.raw, origin: criterion.origin) }
            let fresher = try fresherSources()
            return matching { fresher.contains($0.uniqueID) }
        case .selector:
            preconditionFailure("selector: criteria are resolved by the evaluator")
        }
    }

    private func previousState(for criterion: SelectionCriterion) throws(Diagnostic) -> PreviousState {
        guard let previousState else { throw .noPreviousState(spec: criterion.raw, origin: criterion.origin) }
        return try previousState()
    }

    /// Every value of dbt's `NodeType`, which `resource_type:` accepts.
    static let dbtResourceTypes = [
        "model", "analysis", "test", "snapshot", "operation", "seed", "rpc", "sql_operation", "doc", "source",
        "macro", "exposure", "metric", "group", "saved_query", "semantic_model", "unit_test", "fixture",
        "function",
    ]

    private func matching(_ predicate: (SelectableResource) -> Bool) -> Set<String> {
        var matched: Set<String> = []
        for resource in orderedResources where predicate(resource) { matched.insert(resource.uniqueID) }
        return matched
    }

    // MARK: - Qualified names

    /// dbt's `fqn` matching: the value matches the node's fqn with or without its package.
    static func qualifiedName(_ selector: String, matches fqn: [String], isVersioned: Bool) -> Bool {
        // `*`, the default selection, matches every resource: no need to split anything.
        if selector == "*" { return !fqn.isEmpty }
        return qualifiedName(selector, matchesScoped: fqn, isVersioned: isVersioned)
            || qualifiedName(selector, matchesScoped: Array(fqn.dropFirst()), isVersioned: isVersioned)
    }

    /// One fqn against a dotted selector: the node's name (for versioned models: the model name,
    /// `name_v2` or `name.v2`), or a prefix of the fqn's dot-separated parts, where a part with a
    /// wildcard matches the rest of the fqn as one pattern. A dotless wildcard also matches the
    /// node's name alone (dbt 1.11).
    private static func qualifiedName(_ selector: String, matchesScoped fqn: [String], isVersioned: Bool)
        -> Bool
    {
        guard let last = fqn.last else { return false }
        let selectorParts = selector.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let leaf: String
        if isVersioned, fqn.count >= 2 {
            leaf = fqn[fqn.count - 2]
            if leaf == selector { return true }
            if fqn.suffix(2).joined(separator: "_") == selectorParts.suffix(2).joined(separator: "_") {
                return true
            }
        } else {
            leaf = last
            if last == selector { return true }
        }
        // Dots inside fqn parts (model names with dots) separate namespaces too.
        let flatFQN = fqn.flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
        guard flatFQN.count >= selectorParts.count else { return false }
        for (index, part) in selectorParts.enumerated() {
            if WildcardPattern.hasWildcard(part) {
                let rest = WildcardPattern(selectorParts[index...].joined(separator: "."))
                if rest.matches(flatFQN[index...].joined(separator: ".")) { return true }
                return !selector.contains(".") && WildcardPattern(selector).matches(leaf)
            }
            if flatFQN[index] != part { return false }
        }
        return true
    }

    // MARK: - Sources and exposures

    private func sources(matching value: String, criterion: SelectionCriterion) throws(Diagnostic) -> Set<
        String
    > {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let package: String
        let sourceName: String
        let tableName: String
        switch parts.count {
        case 1: (package, sourceName, tableName) = ("*", parts[0], "*")
        case 2: (package, sourceName, tableName) = ("*", parts[0], parts[1])
        case 3: (package, sourceName, tableName) = (parts[0], parts[1], parts[2])
        default:
            throw .invalidValue(
                criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a source name",
                allowed:
                    "write 'source_name', 'source_name.table_name' or 'package_name.source_name.table_name'")
        }
        let patterns = (WildcardPattern(package), WildcardPattern(sourceName), WildcardPattern(tableName))
        return matching { resource in
            guard case .source(let source) = resource else { return false }
            return patterns.0.matches(source.packageName) && patterns.1.matches(source.sourceName)
                && patterns.2.matches(source.name)
        }
    }

    /// `exposure:`, `metric:`, `semantic_model:` and `saved_query:`: a name, or a package and a
    /// name, either with wildcards.
    private func named(_ type: ResourceType, matching value: String, criterion: SelectionCriterion) throws(Diagnostic)
        -> Set<String>
    {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let kind = type.rawValue
        guard parts.count <= 2 else {
            throw .invalidValue(
                criterion.raw, origin: criterion.origin, problem: "'\(value)' is not \(kind == "exposure" ? "an" : "a") \(kind) name",
                allowed: "write '\(kind)_name' or 'package_name.\(kind)_name'")
        }
        let package = WildcardPattern(parts.count == 2 ? parts[0] : "*")
        let name = WildcardPattern(parts[parts.count - 1])
        return matching { resource in
            switch resource {
            case .exposure(let exposure) where type == .exposure:
                return package.matches(exposure.packageName) && name.matches(exposure.name)
            case .semantic(let semantic) where semantic.resourceType == type:
                return package.matches(semantic.packageName) && name.matches(semantic.name)
            case .unitTest(let test) where type == .unitTest:
                return package.matches(test.packageName) && name.matches(test.name)
            default:
                return false
            }
        }
    }

    // MARK: - Paths and files

    /// Resources whose file, properties file or a parent directory the glob `value` finds.
    private func resources(inPath value: String) -> Set<String> {
        let found = ProjectFiles(paths: rootPaths).glob(value)
        guard !found.isEmpty else { return [] }
        return matching { resource in
            let file = ProjectFiles.normalized(resource.originalFilePath)
            if found.contains(file) { return true }
            if let patch = resource.patchFilePath, found.contains(ProjectFiles.normalized(patch)) {
                return true
            }
            return ProjectFiles.parents(of: file).contains(where: found.contains)
        }
    }

    /// Python's `Path.stem`: the name without its last suffix (`a.b.sql` → `a.b`, `.env` → `.env`).
    private static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    // MARK: - Configs

    /// The config value at `keyPath`, descending into mappings; nil when a key is missing. Nodes
    /// answer for the defaults dbt's manifest always records, even when the config map omits them.
    static func configValue(of resource: SelectableResource, at keyPath: [String]) -> ConfigValue? {
        var config: ConfigMap
        switch resource {
        case .node(let node):
            config = node.config
            if config["enabled"] == nil { config["enabled"] = true }
            if config["materialized"] == nil { config["materialized"] = .string(node.defaultMaterialization) }
            if node.resourceType == .test, config["severity"] == nil { config["severity"] = "ERROR" }
            if node.resourceType == .model, config["access"] == nil {
                config["access"] = .string(node.access)
            }
            if config["group"] == nil, let group = node.group { config["group"] = .string(group) }
        case .source(let source):
            config = source.config
            if config["enabled"] == nil { config["enabled"] = true }
        // (dbt's `config.` method looks at nodes and sources only.)
        case .exposure, .unitTest, .semantic:
            return nil
        }
        var value = ConfigValue.map(config)
        for key in keyPath {
            guard case .map(let map) = value, let next = map[key] else { return nil }
            value = next
        }
        return value
    }

    /// dbt's comparison: equal (Python's `==`), or in the list; `true`/`false` in any case also
    /// match booleans. Test severity compares ignoring case.
    static func config(_ configured: ConfigValue, matches selector: ConfigValue, ignoringCase: Bool) -> Bool {
        let spelled = selector.pythonString.uppercased()
        let flag: Bool? = spelled == "TRUE" ? true : spelled == "FALSE" ? false : nil
        if case .list(let items) = configured {
            if items.contains(where: { pythonEquals(selector, $0, ignoringCase: ignoringCase) }) {
                return true
            }
            guard let flag else { return false }
            return items.contains { pythonEquals(.bool(flag), $0, ignoringCase: false) }
        }
        if pythonEquals(selector, configured, ignoringCase: ignoringCase) { return true }
        guard let flag else { return false }
        return configured == .bool(flag)
    }

    /// Python's `==` between YAML values: numbers and booleans compare by value (`1 == 1.0 == True`).
    private static func pythonEquals(_ lhs: ConfigValue, _ rhs: ConfigValue, ignoringCase: Bool) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return ignoringCase ? a.uppercased() == b.uppercased() : a == b
        case (.null, .null): return true
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { pythonEquals($0, $1, ignoringCase: false) }
        case (.map(let a), .map(let b)):
            return a.count == b.count
                && a.allSatisfy { entry in
                    b[entry.key].map { pythonEquals(entry.value, $0, ignoringCase: false) } ?? false
                }
        default:
            guard let a = lhs.numericValue, let b = rhs.numericValue else { return false }
            return a == b
        }
    }

    // MARK: - Tests and versions

    private func tests(ofType value: String, criterion: SelectionCriterion) throws(Diagnostic) -> Set<String>
    {
        let generic: Bool
        let singular: Bool
        switch value {
        case "generic", "schema": (generic, singular) = (true, false)
        case "singular": (generic, singular) = (false, true)
        case "data": (generic, singular) = (true, true)
        case "unit": return matching { $0.resourceType == .unitTest }
        default:
            throw .invalidValue(
                criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a test type",
                allowed: "use one of: generic, singular, unit, data")
        }
        return matching { resource in
            guard case .node(let node) = resource, node.resourceType == .test else { return false }
            return node.testMetadata == nil ? singular : generic
        }
    }

    private func models(withVersion value: String, criterion: SelectionCriterion) throws(Diagnostic) -> Set<
        String
    > {
        guard ["latest", "prerelease", "old", "none"].contains(value) else {
            throw .invalidValue(
                criterion.raw, origin: criterion.origin, problem: "'\(value)' is not a version selector",
                allowed: "use one of: latest, prerelease, old, none")
        }
        return matching { resource in
            guard case .node(let node) = resource, node.resourceType == .model else { return false }
            let version = node.version.flatMap { $0.isNull ? nil : $0 }
            let latest = node.latestVersion.flatMap { $0.isNull ? nil : $0 }
            switch value {
            case "none": return version == nil
            case "latest":
                guard let version, let latest else { return false }
                return Self.pythonEquals(version, latest, ignoringCase: false)
            default:
                guard let version, let latest else { return false }
                return value == "old"
                    ? Self.version(version, precedes: latest) : Self.version(latest, precedes: version)
            }
        }
    }

    /// dbt orders versions as numbers when both read as numbers, otherwise as strings.
    private static func version(_ lhs: ConfigValue, precedes rhs: ConfigValue) -> Bool {
        if let a = Double(lhs.pythonString), let b = Double(rhs.pythonString) { return a < b }
        return lhs.pythonString < rhs.pythonString
    }
}

extension ManifestNode {
    /// dbt's `is_versioned`: a model with a version.
    var isVersionedModel: Bool {
        guard self.resourceType == .model, let version = self.version else { return false }
        return !version.isNull
    }

    var effectiveGroup: String? { self.config["group"]?.stringValue ?? self.group }

    /// The `materialized` dbt's config classes default to for each node type.
    var defaultMaterialization: String {
        switch self.resourceType {
        case .seed: return "seed"
        case .snapshot: return "snapshot"
        case .test, .unitTest: return "test"
        default: return "view"
        }
    }
}

extension ConfigValue {
    var numericValue: Double? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
