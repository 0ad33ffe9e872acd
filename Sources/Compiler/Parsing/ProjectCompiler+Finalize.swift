import Checksums
import DAG
import Diagnostics
import Jinja
import Parallelism
import ProjectModel

extension ProjectCompiler {
    /// Resolves every node's config (project tree < YAML properties < `config()`, and the root
    /// project over a package's own tree), moves disabled nodes aside and names each relation
    /// through `generate_database_name`, `generate_schema_name` and `generate_alias_name`.
    func finalizeNodes() throws {
        // A node's config and names depend on nothing that finalizing other nodes changes, so
        // they are worked out on all cores, over the entries by position, and set back in place
        // (the disabled ones moved aside after); the first error and the warnings come in id
        // order, as finalizing one node after the other in that order would give them.
        let positions = Array(manifest.nodes.indices)
        let results = positions.concurrentMap { position in
            Result { try finalized(manifest.nodes.values[position]) }
        }
        let failure = firstFailure(results, at: positions)
        var warned: [(id: String, warnings: [Diagnostic])] = []
        for (position, result) in zip(positions, results) {
            if case .success(let finalized) = result, !finalized.warnings.isEmpty {
                warned.append((manifest.nodes.keys[position], finalized.warnings))
            }
        }
        warned.sort { codePointOrder($0.id, $1.id) }
        for (id, warnings) in warned where failure.map({ codePointOrder(id, $0.id) }) ?? true { warnings.forEach(warn) }
        if let failure { throw failure.error }
        // The parsed nodes replaced are freed on another thread.
        var replaced: [ManifestNode] = []
        replaced.reserveCapacity(positions.count)
        var disabled: [ManifestNode] = []
        for (position, result) in zip(positions, results) {
            guard case .success(let finalized) = result else { continue }
            if finalized.isEnabled {
                if let group = finalized.group { nodeGroups[finalized.node.uniqueID] = group }
                replaced.append(manifest.nodes.values[position])
                manifest.nodes.values[position] = finalized.node
            } else {
                disabled.append(finalized.node)
            }
        }
        for node in disabled { if let parsed = disable(node) { replaced.append(parsed) } }
        releaseInBackground(replaced)
        // Every group a node names must be defined (dbt's `check_valid_group_config`).
        let groupNames = Set(manifest.groups.values.map(\.name))
        for (id, group) in nodeGroups.sorted(by: { $0.key < $1.key }) where !groupNames.contains(group) {
            let expected = groupNames.sorted().map { "'\($0)'" }.joined(separator: ", ")
            // Where the group is set: the node's properties entry, else its file's `config()`.
            let entry = propertyEntries[id]
            let yaml = entry.flatMap { $0.entry["group"] ?? $0.entry["config"]?["group"] }
            throw Diagnostic(
                code: "W0305", message: "Invalid group '\(group)', expected one of [\(expected)]",
                file: yaml != nil ? entry?.file : sourceFile(of: id), span: yaml?.span ?? callSpan(in: id, named: "config"),
                help: "define the group under `groups:` in a properties file, or fix its name")
        }
        // A generic test belongs to the group of the node it tests, as dbt files it.
        guard !nodeGroups.isEmpty else { return }
        for id in manifest.nodes.keys where id.hasPrefix("test.") {
            if let attached = manifest.nodes[id]?.attachedNode, let group = nodeGroups[attached] {
                manifest.nodes[id]?.group = group
            }
        }
    }

    /// dbt's `infer_primary_key` for every model: the columns of a `primary_key` constraint (the
    /// model's, else the first column's); else the columns with both `unique` (or
    /// `unique_combination_of_columns`) and `not_null` tests; else those with enabled, then
    /// disabled, unique tests. Sorted, as dbt stores them.
    func inferPrimaryKeys() {
        func tested(_ node: ManifestNode, enabled: Bool) -> (model: String, columns: TestedColumns)? {
            guard node.resourceType == .test, let tested = node.testedColumns, !tested.columns.isEmpty,
                ["unique", "unique_combination_of_columns", "not_null"].contains(tested.test),
                let attached = node.attachedNode
            else { return nil }
            return (attached, TestedColumns(test: tested.test, columns: tested.columns, enabled: enabled))
        }
        // The nodes are read on all cores, by entry position; the keys that changed are set
        // back in place, so that no copy of a node is held while it changes (which would copy
        // its fields).
        let positions = Array(manifest.nodes.indices)
        var tests: [String: [TestedColumns]] = [:]
        for case let (model, columns)? in positions.concurrentMap({ tested(manifest.nodes.values[$0], enabled: true) }) {
            tests[model, default: []].append(columns)
        }
        for case let (model, columns)? in manifest.disabled.values.joined().map({ tested($0, enabled: false) }) {
            tests[model, default: []].append(columns)
        }
        let changedKeys = positions.concurrentMap { position -> [String]? in
            let node = manifest.nodes.values[position]
            guard node.resourceType == .model else { return nil }
            let key = Self.primaryKey(of: node, tests: tests[manifest.nodes.keys[position]] ?? [])
            return key != node.primaryKey ? key : nil
        }
        for (position, key) in zip(positions, changedKeys) where key != nil {
            manifest.nodes.values[position].primaryKey = key!
        }
    }

    /// What a `unique`, `unique_combination_of_columns` or `not_null` test says of a model.
    struct TestedColumns {
        var test: String
        var columns: [String]
        var enabled: Bool
    }

    static func primaryKey(of node: ManifestNode, tests: [TestedColumns]) -> [String] {
        for constraint in node.constraints where constraint.mapValue?["type"]?.stringValue == "primary_key" {
            return (constraint.mapValue?["columns"]?.stringList ?? []).sorted()
        }
        for column in node.columns where column.constraints.contains(where: { $0.mapValue?["type"]?.stringValue == "primary_key" }) {
            return [column.name]
        }
        var enabledUnique: Set<String> = []
        var disabledUnique: Set<String> = []
        var notNull: Set<String> = []
        for tested in tests {
            for column in tested.columns {
                if tested.test == "not_null" {
                    notNull.insert(column)
                } else if tested.enabled {
                    enabledUnique.insert(column)
                } else {
                    disabledUnique.insert(column)
                }
            }
        }
        let both = notNull.filter { enabledUnique.contains($0) || disabledUnique.contains($0) }
        if !both.isEmpty { return both.sorted() }
        if !enabledUnique.isEmpty { return enabledUnique.sorted() }
        return disabledUnique.sorted()
    }

    func finalizeNode(_ id: String) throws {
        guard let node = manifest.nodes[id] else { return }
        let finalized = try finalized(node)
        finalized.warnings.forEach(warn)
        if finalized.isEnabled {
            if let group = finalized.group { nodeGroups[id] = group }
            manifest.nodes[id] = finalized.node
        } else {
            _ = disable(finalized.node)
        }
    }

    /// A node with its config resolved and its relation named, and the warnings that raised.
    struct FinalizedNode {
        let node: ManifestNode
        let warnings: [Diagnostic]
        // Read where the node is made, on its thread.
        let isEnabled: Bool
        /// The group its config names.
        let group: String?

        init(node: ManifestNode, warnings: [Diagnostic] = []) {
            self.node = node
            self.warnings = warnings
            isEnabled = node.isEnabled
            group = node.config["group"]?.stringValue
        }
    }

    /// Reads the compiler's state and changes none of it: safe on any thread.
    private func finalized(_ parsed: ManifestNode) throws -> FinalizedNode {
        var node = parsed
        let id = node.uniqueID
        node.config = resolvedConfig(for: node)
        if node.resourceType == .test, let tags = testTags[id] { node.inheritedTags = tags }
        node.unrenderedConfig = unrenderedConfig(for: node)
        if let problem = ConfigValidation.problem(in: node.config, for: node.resourceType) {
            throw Diagnostic(
                code: "W0304", message: problem, file: sourceFile(of: id), span: callSpan(in: id, named: "config"),
                help: "fix this config in the file, its properties or dbt_project.yml")
        }
        guard node.isEnabled else {
            // dbt names a disabled node's relation too.
            if node.resourceType.isRelational, !node.isEphemeral {
                try generateNames(&node)
                node.relationName = relation(for: node).rendered
            }
            return FinalizedNode(node: node)
        }
        if let access = node.config["access"]?.stringValue, node.resourceType == .model { node.access = access }
        var warnings = try checkContract(&node)
        if let slow = openKeysUnderOr(node) { warnings.append(slow) }
        try generateNames(&node)
        if node.resourceType.isRelational, !node.isEphemeral {
            node.relationName = relation(for: node).rendered
        }
        return FinalizedNode(node: node, warnings: warnings)
    }

    /// Moves a finalized node that is disabled aside among the disabled ones; returns the parsed
    /// node it replaced, for the caller to free where it costs least.
    private func disable(_ node: ManifestNode) -> ManifestNode? {
        let parsed = manifest.nodes.removeValue(forKey: node.uniqueID)
        manifest.disabled[node.uniqueID, default: []].append(node)
        if node.resourceType.isRelational { disabledNames.insert(node.name) }
        return parsed
    }

    func resolvedConfig(for node: ManifestNode) -> ConfigMap {
        // dbt configures analyses and hooks (and anything without a tree of its own) by `models:`.
        let treeType: ResourceType =
            [.analysis, .operation].contains(node.resourceType) ? .model : node.resourceType
        var config = ConfigMap()
        config["enabled"] = true
        // (By index, and only the tree taken: a copy of the package's project file would retain
        // each of its fields, for every node.)
        if let own = packages.firstIndex(where: { $0.config.name == node.packageName }) {
            let tree = packages[own].config.configTrees[treeType]
            for layer in projectLayers(tree, of: node.packageName, treeType, fqn: node.fqn) {
                ConfigMerging.merge(layer, into: &config)
            }
        }
        if let patch = patchConfigs[node.uniqueID] { ConfigMerging.merge(patch, into: &config) }
        ConfigMerging.merge(node.configCallDict, into: &config)
        if node.packageName != root.config.name {
            let tree = root.config.configTrees[treeType]
            for layer in projectLayers(tree, of: root.config.name, treeType, fqn: node.fqn) {
                ConfigMerging.merge(layer, into: &config)
            }
        }
        if config["materialized"] == nil, let materialized = ConfigDefaults.value("materialized", for: node.resourceType) {
            config["materialized"] = materialized
        }
        if node.resourceType == .test {
            if config["schema"] == nil { config["schema"] = "dbt_test__audit" }
            // dbt's `TestConfig.finalize_and_validate`: an unset `store_failures_as` follows
            // `store_failures` (true: a table, false: ephemeral); a set one decides `store_failures`.
            switch config["store_failures_as"] {
            case nil, .null?:
                switch config["store_failures"] {
                case .bool(true)?: config["store_failures_as"] = "table"
                case .bool(false)?: config["store_failures_as"] = "ephemeral"
                default: break
                }
            case let value?:
                config["store_failures"] = .bool(value.stringValue != "ephemeral")
            }
        }
        // `tags` keeps every level's tags, repeats included, as dbt's config does (the node's own
        // `tags` list each once: `ManifestNode.tags`).
        return config
    }

    /// dbt's `unrendered_config` of a node: see `unrenderedConfig(_:package:fqn:over:)`.
    func unrenderedConfig(for node: ManifestNode) -> ConfigMap {
        let treeType: ResourceType =
            [.analysis, .operation].contains(node.resourceType) ? .model : node.resourceType
        return unrenderedConfig(
            treeType, package: node.packageName, fqn: node.fqn,
            over: [patchConfigs[node.uniqueID] ?? ConfigMap(), node.configCallDict])
    }

    /// dbt's `unrendered_config`: the package's project tree for `type` as written, then `layers`
    /// (properties' `config:`, `config()` calls), then the root project's tree for a package's
    /// resource, each level replacing the keys it sets (no merging: it is what `state:modified`
    /// compares, not a config).
    func unrenderedConfig(_ type: ResourceType, package: String, fqn: [String], over layers: [ConfigMap]) -> ConfigMap {
        var config = ConfigMap()
        func update(_ layer: ConfigMap) {
            for (key, value) in layer { config[key] = value }
        }
        if let own = packages.firstIndex(where: { $0.config.name == package }) {
            let tree = packages[own].config.unrenderedConfigTrees[type]
            projectLayers(tree, of: package, type, fqn: fqn, unrendered: true).forEach(update)
        }
        layers.forEach(update)
        if package != root.config.name {
            let tree = root.config.unrenderedConfigTrees[type]
            projectLayers(tree, of: root.config.name, type, fqn: fqn, unrendered: true).forEach(update)
        }
        return config
    }

    struct FolderKey: Hashable {
        let project: String
        let type: ResourceType
        let folder: ArraySlice<String>
        let unrendered: Bool
    }

    /// `ConfigMerging.projectLayers` of a project's tree for `type`, the levels of a node's
    /// folders walked once per folder: every node of a folder, and every test of a model, walks
    /// the same ones.
    func projectLayers(
        _ tree: ConfigMap?, of project: String, _ type: ResourceType, fqn: [String], unrendered: Bool = false
    ) -> [ConfigMap] {
        guard let tree, let last = fqn.last else { return ConfigMerging.projectLayers(tree, fqn: fqn) }
        let folder = fqn.dropLast()
        let key = FolderKey(project: project, type: type, folder: folder, unrendered: unrendered)
        let (layers, level) = folderLayers.value(for: key) { ConfigMerging.projectLevels(tree, fqn: folder) }
        guard case .map(let next)? = level?[last] else { return layers }
        return layers + [ConfigMerging.configs(in: next)]
    }

    private func generateNames(_ node: inout ManifestNode) throws {
        let config = node.config
        let custom = { (key: String) -> String? in config[key]?.stringValue }
        let macros = nameMacros(node.packageName)
        // The node as it was, for the macros' context; kept only where a macro may be called, as
        // holding it makes the assignments below copy the node's fields.
        let original = macros.isEmpty ? nil : node
        lazy var context = self.context(for: NodeRenderState(node: original!, phase: .parse))
        func generated(_ component: String) throws -> String? {
            try generateName(component, macro: macros[component], custom: custom(component), node: node) { context }
        }
        node.database = try generated("database") ?? node.database
        node.schema = try generated("schema") ?? node.schema
        node.alias = try generated("alias") ?? node.alias
        if node.resourceType == .snapshot {
            if let database = custom("target_database") { node.database = database }
            if let schema = custom("target_schema") { node.schema = schema }
        }
    }

    /// Calls `generate_<component>_name(custom, node)`: the root project's override, a package's
    /// own, or the built-in one (computed directly, since it is dbt's documented default).
    func generateName(
        _ component: String, macro: RegisteredMacro?, custom: String?, node: ManifestNode,
        context makeContext: () -> ([String: Value], SharedGlobals)
    ) throws -> String? {
        guard let macro else {
            switch component {
            case "database": return custom?.trimmingSpaces ?? target.database
            case "schema": return custom.map { "\(target.schema)_\($0.trimmingSpaces)" } ?? target.schema
            default:
                if let custom { return custom.trimmingSpaces }
                if let version = node.version { return "\(node.name)_v\(versionText(version))" }
                return node.name
            }
        }
        let (context, shared) = makeContext()
        do {
            let result = try jinja.call(
                macro.value, Arguments([custom.map(Value.string) ?? .none, .object(NodeObject(node))]), context: context,
                shared: shared)
            if result.isNone { return nil }
            return result.pyStr.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let error as TemplateError {
            var diagnostic = error.diagnostic
            diagnostic.message = "generate_\(component)_name failed for \(node.resourceType.rawValue) '\(node.name)': \(diagnostic.message)"
            if diagnostic.file == nil || diagnostic.file?.name == "<host>" { diagnostic.file = sourceFile(of: node) }
            throw diagnostic
        }
    }

    /// The `generate_<component>_name` macros the nodes of a package call, by component: the
    /// package's own, else the root project's; none for the built-in ones.
    func nameMacros(_ package: String) -> [String: RegisteredMacro] {
        generateNameMacros.value(for: package) {
            var macros: [String: RegisteredMacro] = [:]
            for component in ["database", "schema", "alias"] {
                let name = "generate_\(component)_name"
                macros[component] =
                    (package != root.config.name ? registry.macro(name, inPackage: package) : nil)
                    ?? registry.macro(name, inPackage: root.config.name)
            }
            return macros
        }
    }

    /// `on-run-start` and `on-run-end` of every package, as dbt's hook operations.
    func parseHooks() throws {
        for package in packages {
            for (kind, hooks) in [("on-run-start", package.config.onRunStart), ("on-run-end", package.config.onRunEnd)] {
                for (index, sql) in hooks.enumerated() {
                    let name = "\(package.config.name)-\(kind)-\(index)"
                    let id = "operation.\(package.config.name).\(name)"
                    var node = ManifestNode(
                        uniqueID: id, resourceType: .operation, packageName: package.config.name, name: name,
                        path: "hooks/\(name).sql", originalFilePath: "./dbt_project.yml",
                        fqn: [package.config.name, "hooks", name], rawCode: sql,
                        checksum: FileChecksum(checksum: package.config.fileChecksum))
                    node.config = resolvedConfig(for: node)
                    node.unrenderedConfig = unrenderedConfig(for: node)
                    node.schema = target.schema
                    node.database = target.database
                    node.alias = name
                    node.hookIndex = index
                    do {
                        let template = try jinja.parse(sql, name: "dbt_project.yml (\(kind))")
                        node.dependsOn.macros = macroDependencies(
                            of: template.staticCalls.map(\.name), package: package.config.name)
                        templates[id] = template
                    } catch let error as TemplateError {
                        throw error.diagnostic
                    }
                    manifest.nodes[id] = node
                }
            }
        }
    }

    /// Turns recorded refs and sources into `depends_on.nodes`, reporting unknown names with
    /// suggestions, then checks the graph has no cycle. A data test whose target is missing or
    /// disabled is disabled in place, as dbt's `invalid_target_fail_unless_test` does (see
    /// `Dependencies.unresolved`).
    func resolveDependencies() throws {
        indexRefableNodes()
        // Resolving reads only names and nodes, so it runs on all cores, over the manifest's
        // entries by position (set back in place, no id looked up); the first error in id order
        // is the one reported.
        let positions = Array(manifest.nodes.indices)
        let resolved = positions.concurrentMap { position in
            Result { try dependencies(of: manifest.nodes.values[position]) }
        }
        if let failure = firstFailure(resolved, at: positions) { throw failure.error }
        // Only what a ref names can be a parent, so only those nodes can make a cycle.
        var refable: (ids: [String], parents: [[String]]) = ([], [])
        var unresolved: [(node: ManifestNode, targets: [UnresolvedTarget])] = []
        for (position, result) in zip(positions, resolved) {
            guard case .success(let dependencies) = result else { continue }
            manifest.nodes.values[position].dependsOn.nodes = dependencies.nodes
            if !dependencies.unresolved.isEmpty {
                manifest.nodes.values[position].config["enabled"] = false
                unresolved.append((manifest.nodes.values[position], dependencies.unresolved))
            }
            if Self.isRefable(manifest.nodes.values[position]) {
                refable.ids.append(manifest.nodes.keys[position])
                refable.parents.append(dependencies.nodes)
            }
        }
        // dbt resolves every node's sources, then every node's refs, in the order it read the
        // nodes: singular tests before the property files' tests.
        unresolved.sort { a, b in
            let (first, second) = (a.node.testMetadata == nil, b.node.testMetadata == nil)
            if first != second { return first }
            return (a.node.originalFilePath, a.node.uniqueID) < (b.node.originalFilePath, b.node.uniqueID)
        }
        for sources in [true, false] {
            for (node, targets) in unresolved {
                for target in targets where target.isSource == sources {
                    let span = unresolvedCallSpan(in: node.uniqueID, node: node)
                        ?? propertyEntrySpan(ofTest: node, mentioning: target.name) ?? .at(0)
                    if let warning = target.warning(for: node, file: sourceFile(of: node), span: span) { warn(warning) }
                }
            }
        }
        for id in manifest.exposures.keys.sorted() {
            guard var exposure = manifest.exposures[id] else { continue }
            var dependencies: [String] = []
            let stand = ManifestNode(
                uniqueID: id, resourceType: .exposure, packageName: exposure.packageName, name: exposure.name,
                path: exposure.path, originalFilePath: exposure.originalFilePath, fqn: exposure.fqn, rawCode: "",
                checksum: FileChecksum(checksum: ""))
            do {
                for call in exposure.sources { dependencies.append(try resolveSource(call, from: stand).uniqueID) }
                for call in exposure.refs {
                    let target = try resolveRef(call, from: stand)
                    try checkAccess(to: target, from: stand)
                    dependencies.append(target.uniqueID)
                }
            } catch let failure as RuntimeFailure {
                throw Diagnostic(code: "W0701", message: failure.message, help: "check the exposure's depends_on")
            }
            exposure.dependsOn.nodes = dependencies
            manifest.exposures[id] = exposure
        }
        if hasCycle(ids: refable.ids, parents: refable.parents) { try reportCycle() }
    }

    /// dbt's `is_invalid_private_ref` and `is_invalid_protected_ref`: a private model may be
    /// referenced only from its own group, and, in a package with `restrict-access: true`, a
    /// private or protected model only from the package.
    private func checkAccess(to target: ManifestNode, from node: ManifestNode) throws {
        guard target.resourceType == .model, target.access == "private" || target.access == "protected" else { return }
        let restricted = node.packageName != target.packageName && package(named: target.packageName)?.config.restrictAccess == true
        let group = target.group ?? target.config["group"]?.stringValue
        let message: String
        let help: String
        if target.access == "private" {
            let referencing = node.group ?? node.config["group"]?.stringValue
            guard referencing == nil || referencing != group || restricted else { return }
            message = "private to the '\(group ?? "None")' group."
            help = "make the model `access: protected`, or put the referencing node in the '\(group ?? "None")' group"
        } else {
            guard restricted else { return }
            message = "protected to the '\(target.packageName)' package."
            help = "make the model `access: public` in its package, or leave its package's restrict-access off"
        }
        let call = templates[node.uniqueID]?.staticCalls.first {
            $0.name == "ref" && $0.arguments.last??.stringValue == target.name
        }
        throw Diagnostic(
            code: "W0703",
            message: "Node \(node.uniqueID) attempted to reference node \(target.uniqueID), which is not allowed because the referenced node is \(message)",
            file: sourceFile(of: node), span: call?.span ?? .at(0), help: help)
    }

    /// `refableByName` for the manifest's nodes as they are.
    func indexRefableNodes() {
        // The nodes read on all cores, by entry position; each list sorted in place.
        let positions = Array(manifest.nodes.indices)
        let names = positions.concurrentMap { position in
            Self.isRefable(manifest.nodes.values[position]) ? manifest.nodes.values[position].name : nil
        }
        refableByName = [:]
        for case let (position, name?) in zip(positions, names) {
            refableByName[name, default: []].append(manifest.nodes.keys[position])
        }
        for index in refableByName.indices { refableByName.values[index].sort() }
    }

    /// Of work done for the manifest's entries at `positions`, the failure of the entry whose id
    /// comes first: the error a pass over the ids in order would have stopped at.
    private func firstFailure<Value>(
        _ results: [Result<Value, any Error>], at positions: [Dictionary<String, ManifestNode>.Index]
    ) -> (id: String, error: any Error)? {
        var first: (id: String, error: any Error)?
        for (position, result) in zip(positions, results) {
            guard case .failure(let error) = result else { continue }
            let id = manifest.nodes.keys[position]
            if first.map({ codePointOrder(id, $0.id) }) ?? true { first = (id, error) }
        }
        return first
    }

    /// Whether a `ref` can name the node: a model, seed or snapshot.
    static func isRefable(_ node: ManifestNode) -> Bool {
        [.model, .seed, .snapshot].contains(node.resourceType)
    }

    func resolveDependencies(of id: String) throws {
        guard let node = manifest.nodes[id] else { return }
        let resolved = try dependencies(of: node)  // read before the manifest is written
        manifest.nodes[id]?.dependsOn.nodes = resolved.nodes
        if !resolved.unresolved.isEmpty { manifest.nodes[id]?.config["enabled"] = false }
    }

    /// What a node's `source` and `ref` calls name.
    struct Dependencies {
        /// The sources and nodes found, each once, in call order.
        var nodes: [String] = []
        /// A data test's targets that are missing or disabled (an error for any other node),
        /// which disable the test: it stays among the nodes, with `enabled: false`.
        var unresolved: [UnresolvedTarget] = []
    }

    /// A data test's `source` or `ref` target that is missing or disabled.
    struct UnresolvedTarget {
        var isSource: Bool
        var name: String
        var package: String?
        var disabled: Bool

        /// dbt's warning: `NodeNotFoundOrDisabled` for a missing target, and
        /// `InvalidDisabledTargetInTestNode` for a disabled source; none for a disabled node (dbt
        /// logs that one at debug level).
        func warning(for node: ManifestNode, file: SourceFile?, span: SourceSpan) -> Diagnostic? {
            guard !disabled || isSource else { return nil }
            let kind = isSource ? "source" : "node"
            // dbt names the package of a target not found, an empty one too; a disabled source has none.
            let packageText = disabled ? "" : "in package '\(package ?? "")' "
            return Diagnostic(
                .warning, code: "W0704",
                message: "Test '\(node.uniqueID)' (\(node.originalFilePath)) depends on a \(kind) named '\(name)' \(packageText)which \(disabled ? "is disabled" : "was not found")",
                file: file, span: span,
                help: disabled ? "the test is disabled with its \(kind)" : "check the name; the test is disabled until it names an existing \(kind)",
                // (dbt fires the disabled source's warning outside `--warn-error`'s reach.)
                event: disabled ? nil : "NodeNotFoundOrDisabled")
        }
    }

    /// The sources and nodes a node's `source` and `ref` calls name, each once, in call order.
    private func dependencies(of node: ManifestNode) throws -> Dependencies {
        let id = node.uniqueID
        var dependencies = Dependencies()
        func add(_ id: String) {
            if !dependencies.nodes.contains(id) { dependencies.nodes.append(id) }
        }
        do {
            // Sources first, then refs: dbt resolves a manifest's sources before its refs.
            for call in node.sources {
                let name = "\(call.sourceName).\(call.tableName)"
                if node.resourceType == .test, sourceByName[name] == nil {
                    let disabled = manifest.disabledSources.values.contains { "\($0.sourceName).\($0.name)" == name }
                    dependencies.unresolved.append(UnresolvedTarget(isSource: true, name: name, package: nil, disabled: disabled))
                    continue
                }
                add(try resolveSource(call, from: node).uniqueID)
            }
            for call in node.refs {
                let target: ManifestNode
                do {
                    target = try resolveRef(call, from: node)
                } catch is RuntimeFailure where node.resourceType == .test {
                    dependencies.unresolved.append(UnresolvedTarget(
                        isSource: false, name: call.name, package: call.package, disabled: disabledNames.contains(call.name)))
                    continue
                }
                try checkAccess(to: target, from: node)
                add(target.uniqueID)
            }
        } catch let failure as RuntimeFailure {
            throw Diagnostic(
                code: "W0701", message: failure.message, file: sourceFile(of: id),
                span: unresolvedCallSpan(in: id, node: node) ?? .at(0),
                help: "check the name, or add the missing model, seed, snapshot or source")
        }
        return dependencies
    }

    /// Throws the cycle the nodes' dependencies make, found over nodes and edges in id order, so
    /// that the cycle reported is always the same.
    private func reportCycle() throws {
        var graph = Graph<String>()
        for id in manifest.nodes.keys.sorted() { graph.add(id) }
        for id in manifest.nodes.keys.sorted() {
            for parent in manifest.nodes[id]?.dependsOn.nodes ?? [] where manifest.nodes[parent] != nil {
                graph.addEdge(from: parent, to: id)
            }
        }
        if let cycle = graph.findCycle() {
            throw Diagnostic(
                code: "W0702",
                message: "Found a cycle: \(cycle.joined(separator: " --> "))",
                help: "a model cannot depend on itself, directly or through other models; remove one of these refs")
        }
    }
}

extension ProjectCompiler {
    /// Whether the nodes' dependencies (`parents[i]` those of `ids[i]`; parents not among `ids`
    /// are left out) make a cycle: Kahn's algorithm over the nodes by position, which cannot
    /// place every node when there is one.
    /// (Most projects have none; finding the path to report is left to `Graph`.)
    private func hasCycle(ids: [String], parents: [[String]]) -> Bool {
        var position: [String: Int] = [:]
        position.reserveCapacity(ids.count)
        for (offset, id) in ids.enumerated() { position[id] = offset }
        // Sources and other outside names have no position.
        let parentPositions = parents.concurrentMap { $0.compactMap { position[$0] } }
        var waitingParents = [Int](repeating: 0, count: ids.count)
        var children = [[Int]](repeating: [], count: ids.count)
        for (offset, parents) in parentPositions.enumerated() {
            for parent in parents { children[parent].append(offset) }
            waitingParents[offset] = parents.count
        }
        var ready = waitingParents.indices.filter { waitingParents[$0] == 0 }
        var placed = 0
        while let next = ready.popLast() {
            placed += 1
            for child in children[next] {
                waitingParents[child] -= 1
                if waitingParents[child] == 0 { ready.append(child) }
            }
        }
        return placed < ids.count
    }

    /// Where a node's file calls `name(...)` first, for diagnostics.
    func callSpan(in id: String, named name: String) -> SourceSpan? {
        if let (_, block) = snapshotBlocks[id] { return block.staticCalls.first { $0.name == name }?.span }
        return templates[id]?.staticCalls.first { $0.name == name }?.span
    }

    /// The `ref`/`source` call that does not resolve, found again by its literal arguments.
    func unresolvedCallSpan(in id: String, node: ManifestNode) -> SourceSpan? {
        guard let calls = templates[id]?.staticCalls else { return nil }
        for call in calls where call.name == "ref" || call.name == "source" {
            let arguments = call.arguments.compactMap { $0?.stringValue }
            if call.name == "ref", let name = arguments.last, (try? resolveRef(RefCall(name: name), from: node)) == nil {
                return call.span
            }
            if call.name == "source", arguments.count == 2,
                (try? resolveSource(SourceCall(sourceName: arguments[0], tableName: arguments[1]), from: node)) == nil
            {
                return call.span
            }
        }
        return nil
    }
}
