import Diagnostics
import Foundation
import Jinja
import Parallelism
import ProjectLoading
import ProjectModel

/// One YAML property file being read: its text (for diagnostics) and package.
struct PropertyFile {
    let file: ResourceFile
    let package: String
    let yaml: YAMLNode
    /// The folders between the resource directory and the file (`staging/core` for
    /// `models/staging/core/schema.yml`): its tests' fqn, worked out once for all of them.
    let folders: [String]

    /// What the nodes it patches record as their `patch_path` (`package://models/schema.yml`).
    let patchPath: String

    init(file: ResourceFile, package: String, yaml: YAMLNode) {
        self.file = file
        self.package = package
        self.yaml = yaml
        folders = file.originalFilePath.split(ascii: "/").dropFirst().dropLast().map(String.init)
        patchPath = "\(package)://\(file.originalFilePath)"
    }

    var source: SourceFile { file.source }
}

/// A properties file read and worked out on any thread (`ProjectCompiler.plan(_:package:)`):
/// its steps in the file's order, up to its first error, for the manifest to take file by file.
struct PropertyPlan {
    enum Step {
        /// A `models:`/`seeds:`/`snapshots:`/`analyses:` entry, rendered (or the error doing so).
        case patch(Result<NodePatch, any Error>)
        /// A `sources:` entry rendered and as written, and each of its tables' tests, made ahead.
        case source(YAMLNode, written: YAMLNode, tests: [[Result<GenericTest, any Error>]])
        case exposure(YAMLNode)
        /// A `semantic_models:`, `metrics:` or `saved_queries:` entry, rendered but for its
        /// descriptions and filters.
        case semantic(YAMLNode, ResourceType)
        case group(YAMLNode)
        case unitTest(YAMLNode)
        /// A `snapshots:` entry with a `relation:`: a snapshot defined in YAML (its properties
        /// follow as a patch).
        case snapshot(YAMLNode)
        case macro(YAMLNode)
        case warning(Diagnostic)
        /// The file stops here, as dbt stops at its first error.
        case failure(any Error)
    }

    let properties: PropertyFile
    var steps: [Step] = []
}

/// What an entry patching a node says, rendered: the work of a patch that needs no manifest.
struct NodePatch {
    let entry: YAMLNode
    let type: ResourceType
    let name: String
    /// The entry's config, with its `tags`, `meta`, `docs`, `access` and `group` (a version's
    /// config goes over it).
    let config: ConfigMap
    let description: String
    /// The doc blocks the description calls.
    let docBlocks: [String]
    let columns: [ColumnInfo]
    let constraints: [ConfigValue]?
    /// The entry's `deprecation_date` (a version's own goes over it), as the manifest has it.
    let deprecationDate: String?
    let timeSpine: ConfigValue?
    /// The tests of an unversioned node, made ahead (a versioned model's follow its versions).
    let tests: [Result<GenericTest, any Error>]?
}

extension ProjectCompiler {
    func parseProperties(of package: PackageInput) throws {
        // Reading and rendering the YAML depends on nothing the files change, so the files are
        // planned on all cores, and each plan's steps applied as soon as it and those before it
        // are planned, in file order, so that errors and warnings come as one reading after the
        // other would give them, and applying overlaps planning. What a render reads of the
        // manifest (column selection) is the manifest as it stood before, as when every file was
        // planned first.
        _ = yamlRenderer  // lazy properties: built before the threads read them
        _ = testImplementationsOutsideInternalPackages
        manifestBeforeProperties = manifest
        defer { manifestBeforeProperties = nil }
        try package.files.properties.concurrentMap(
            { file in Result { try plan(file, package: package.config.name) } },
            consumingInOrder: { planned in
                guard let plan = try planned.get() else { return }
                try apply(plan)
                // What the steps held and the manifest did not take (the YAML trees, the tests'
                // wrappers) is freed on another thread.
                releaseInBackground(plan)
            })
    }

    private func apply(_ plan: PropertyPlan) throws {
        let properties = plan.properties
        for step in plan.steps {
            switch step {
            case .patch(let patch): try patchNode(try patch.get(), properties)
            case .source(let entry, let written, let tests): try parseSource(entry, written: written, tests: tests, properties)
            case .exposure(let entry): try parseExposure(entry, properties)
            case .semantic(let entry, let type): try parseSemanticEntry(entry, type: type, properties)
            case .group(let entry): try parseGroup(entry, properties)
            case .unitTest(let entry): try parseUnitTest(entry, properties)
            case .snapshot(let entry): try parseYAMLSnapshot(entry, properties)
            case .macro(let entry): try patchMacro(entry, properties)
            case .warning(let diagnostic): warn(diagnostic)
            case .failure(let error): throw error
            }
        }
    }

    /// A properties file's steps (nil for an empty file); throws if it is no YAML mapping.
    private func plan(_ file: ResourceFile, package: String) throws -> PropertyPlan? {
        let yaml = try YAMLReader.parse(file.source)
        guard let entries = yaml.entries else {
            if case .scalar(.null) = yaml.kind { return nil }
            throw Diagnostic(
                code: "W0501", message: "a properties file must be a mapping (with keys like 'models:' or 'sources:')",
                file: file.source, span: yaml.span)
        }
        var plan = PropertyPlan(properties: PropertyFile(file: file, package: package, yaml: yaml))
        for entry in entries {
            let properties = plan.properties
            let step: (YAMLNode) -> PropertyPlan.Step
            let section = entry.key
            /// The step an entry makes once rendered, or the error rendering it.
            func rendered(_ make: @escaping (YAMLNode) throws -> PropertyPlan.Step) -> (YAMLNode) -> PropertyPlan.Step {
                { item in
                    do { return try make(try self.renderedEntry(item, section: section, properties)) } catch {
                        return .failure(error)
                    }
                }
            }
            func patch(_ type: ResourceType) -> (YAMLNode) -> PropertyPlan.Step {
                { item in
                    .patch(Result { try self.nodePatch(try self.renderedEntry(item, section: section, properties), type: type, properties) })
                }
            }
            switch section {
            case "models": step = patch(.model)
            case "seeds": step = patch(.seed)
            case "snapshots": step = patch(.snapshot)
            case "analyses": step = patch(.analysis)
            case "sources":
                step = { written in rendered { item in .source(item, written: written, tests: self.sourceTests(item, properties)) }(written) }
            case "exposures": step = rendered(PropertyPlan.Step.exposure)
            case "groups": step = rendered(PropertyPlan.Step.group)
            case "unit_tests": step = rendered(PropertyPlan.Step.unitTest)
            case "macros": step = rendered(PropertyPlan.Step.macro)
            case "semantic_models": step = rendered { .semantic($0, .semanticModel) }
            case "metrics": step = rendered { .semantic($0, .metric) }
            case "saved_queries": step = rendered { .semantic($0, .savedQuery) }
            case "version", "data_tests", "functions":
                continue
            default:
                plan.steps.append(.warning(Diagnostic(
                    code: "W0502", message: "unknown top-level key '\(entry.key)' in a properties file; it is ignored",
                    file: file.source, span: entry.keySpan)))
                continue
            }
            if case .scalar(.null) = entry.value.kind { continue }
            guard let items = entry.value.items else {
                plan.steps.append(.failure(Diagnostic(
                    code: "W0503", message: "'\(entry.key)' must be a list of entries, each with a 'name'",
                    file: file.source, span: entry.value.span)))
                return plan
            }
            for item in items {
                guard item.isMapping, item["name"]?.string != nil else {
                    plan.steps.append(.failure(Diagnostic(
                        code: "W0504", message: "each entry under '\(entry.key)' needs a 'name'", file: file.source,
                        span: item.span, help: "write entries as `- name: my_model`")))
                    return plan
                }
                if entry.key == "snapshots", item["relation"] != nil { plan.steps.append(.snapshot(item)) }
                let next = step(item)
                plan.steps.append(next)
                if case .patch(.failure) = next { return plan }
            }
        }
        return plan
    }

    /// The YAML schema context: `doc()` for descriptions, plus `var`, `env_var` and `target`.
    func schemaContext(package: String) -> [String: Value] {
        let docs = docBlocks
        return [
            "doc": .function("doc") { arguments, _ in
                let names = arguments.positional.map(\.pyStr)
                let (docPackage, name): (String?, String) =
                    names.count >= 2 ? (names[0], names[1]) : (nil, names.first ?? "")
                if let docPackage {
                    if let block = docs[docPackage]?[name] { return .string(block.blockContents) }
                } else if let block = docs[package]?[name] ?? docs[self.root.config.name]?[name]
                    ?? docs.values.lazy.compactMap({ $0[name] }).first
                {
                    return .string(block.blockContents)
                }
                throw RuntimeFailure.raised("Documentation for '\(name)' was not found")
            },
            "var": .function("var") { arguments, _ in
                let bound = try arguments.bind(
                    ["name", "default"], defaults: ["default": .undefined(Undefined(.name("default")))], function: "var")
                let name = bound["name"].pyStr
                if let value = self.lookupVar(name, package: package) { return value.jinjaValue }
                if !bound["default"].isUndefined { return bound["default"] }
                throw RuntimeFailure.raised("Required var '\(name)' not found in config")
            },
        ]
    }

    /// Renders a description (`{{ doc('x') }}` and friends) as text.
    func renderDescription(_ node: YAMLNode?, _ properties: PropertyFile) throws -> String {
        try describe(node, properties).text
    }

    /// A description rendered, and the doc blocks it calls (dbt's `doc_blocks`).
    func describe(_ node: YAMLNode?, _ properties: PropertyFile) throws -> (text: String, docBlocks: [String]) {
        guard let node else { return ("", []) }
        guard case .scalar(let value) = node.kind else { return ("", []) }
        guard case .string(let text) = value else {
            return (value.isNull ? "" : ConfigValue(value.jinjaValue).stringValue ?? value.jinjaValue.pyStr, [])
        }
        return try describe(text: text, span: node.span, properties)
    }

    /// A description's text rendered (`span`: where it is, for an error), and the doc blocks it calls.
    func describe(text: String, span: SourceSpan, _ properties: PropertyFile) throws -> (text: String, docBlocks: [String]) {
        guard text.containsUTF8(UInt8(ascii: "{")) else { return (text, []) }
        do {
            let description = try descriptionTemplate(text, properties)
            let render = {
                (try description.template.render(self.schemaContext(package: properties.package), shared: self.baseGlobals),
                 self.docBlocks(description.docCalls, package: properties.package))
            }
            // Descriptions repeat (a doc block per column name): one that only looks up doc
            // blocks renders the same in every entry of a package.
            guard description.onlyReadsDocs else { return try render() }
            return try renderedDescriptions.value(for: properties.package + "\u{0}" + text, compute: render)
        } catch let error as TemplateError {
            throw Diagnostic(
                code: "W0505", message: "could not render this description: \(error.message)", file: properties.source,
                span: span)
        }
    }

    /// dbt's `TimeSpine` of a model's `time_spine:`: every field present.
    static func timeSpine(_ spine: ConfigMap) -> ConfigValue {
        let custom = (spine["custom_granularities"]?.listValue ?? []).map { item -> ConfigValue in
            let granularity = item.mapValue ?? ConfigMap()
            return .map(ConfigMap([("name", granularity["name"] ?? .null), ("column_name", granularity["column_name"] ?? .null)]))
        }
        return .map(ConfigMap([
            ("standard_granularity_column", spine["standard_granularity_column"] ?? .null), ("custom_granularities", .list(custom)),
        ]))
    }

    /// What renders a properties file's values: `var()` sees the vars of the file's package too.
    func propertyRenderer(_ properties: PropertyFile) -> YAMLRenderer {
        yamlRenderer.with(varFunction: varFunction(package: properties.package, reader: "<Configuration>"))
    }

    /// An entry of a properties file with its strings rendered natively, as dbt's
    /// `SchemaYamlRenderer` renders an entry before reading it (`data_type: "{{ ... }}"`, a
    /// `meta` value). Left as written: descriptions (rendered with `doc()` by
    /// `renderDescription`), tests (their arguments render when the test is made),
    /// `loaded_at_query` and hooks (rendered when they run), and `config:` blocks at the entry's
    /// level or a version's (`renderConfig`).
    func renderedEntry(_ entry: YAMLNode, section: String, _ properties: PropertyFile) throws -> YAMLNode {
        try propertyRenderer(properties).renderTree(entry, file: properties.source) {
            Self.rendersAtParse($0[...], section: section)
        }
    }

    static func rendersAtParse(_ keypath: ArraySlice<String>, section: String) -> Bool {
        let late: Set<String> = ["description", "tests", "data_tests", "loaded_at_query"]
        var path = keypath
        // A source's tables and a macro's arguments are read as entries of their own.
        if (section == "sources" && path.first == "tables") || (section == "macros" && path.first == "arguments") {
            path = path.dropFirst(2)
        }
        if path.first == "versions" { path = path.dropFirst(2) }
        guard let first = path.first else { return true }
        // Filters keep their Jinja (`{{ Dimension('x') }}`) for MetricFlow.
        if section == "metrics", path.last == "filter" || path.dropLast().last == "filter" { return false }
        if section == "saved_queries", first == "query_params", path.dropFirst().first == "where" { return false }
        if late.contains(first) || first == "config" { return false }
        // A column's description and tests.
        if ["columns", "dimensions", "measures", "entities"].contains(first), path.count >= 3 {
            return !late.contains(path[path.startIndex + 2])
        }
        return true
    }

    /// Renders the strings of a `config:` block natively (`"{{ var('x', false) }}"` → false).
    func renderConfig(_ node: YAMLNode?, _ properties: PropertyFile) throws -> ConfigMap {
        guard let node else { return ConfigMap() }
        guard node.isMapping else {
            throw Diagnostic(code: "W0506", message: "'config' must be a mapping", file: properties.source, span: node.span)
        }
        return try propertyRenderer(properties).render(node, file: properties.source) { keypath in
            !(keypath.first.map { ["pre-hook", "post-hook", "pre_hook", "post_hook"].contains($0) } ?? false)
        }
    }

    func parseColumns(_ node: YAMLNode?, _ properties: PropertyFile) throws -> [ColumnInfo] {
        guard let items = node?.items else { return [] }
        var columns: [ColumnInfo] = []
        for item in items {
            guard let name = item["name"]?.scalar.map({ $0.jinjaValue.pyStr }) else {
                throw Diagnostic(
                    code: "W0507", message: "each column needs a 'name'", file: properties.source, span: item.span)
            }
            var column = ColumnInfo(name: name)
            (column.description, column.docBlocks) = try describe(item["description"], properties)
            column.dataType = item["data_type"]?.string
            column.granularity = item["granularity"]?.string
            column.meta = item["meta"]?.value.mapValue ?? ConfigMap()
            column.quote = item["quote"]?.scalar?.boolValue
            column.tags = item["tags"]?.value.stringList ?? []
            column.constraints = item["constraints"]?.value.listValue ?? []
            if let config = item["config"]?.value.mapValue {
                column.config = config
                if let meta = config["meta"]?.mapValue { for (k, v) in meta { column.meta[k] = v } }
                if let tags = config["tags"]?.stringList { column.tags += tags.filter { !column.tags.contains($0) } }
            }
            // dbt 1.10+ keeps the merged meta and tags in the column's config as well.
            column.config["meta"] = .map(column.meta)
            column.config["tags"] = .list(column.tags.map(ConfigValue.string))
            columns.append(column)
        }
        return columns
    }

    /// Renders what an entry patching a node says; reads no state that properties files change.
    private func nodePatch(_ entry: YAMLNode, type: ResourceType, _ properties: PropertyFile) throws -> NodePatch {
        let name = entry["name"]?.string ?? ""
        var config = try renderConfig(entry["config"], properties)
        if let tags = entry["tags"]?.value, !tags.isNull { ConfigMerging.merge(ConfigMap([("tags", tags)]), into: &config) }
        if let meta = entry["meta"]?.value.mapValue { ConfigMerging.merge(ConfigMap([("meta", .map(meta))]), into: &config) }
        if let docs = entry["docs"]?.value.mapValue { ConfigMerging.merge(ConfigMap([("docs", .map(docs))]), into: &config) }
        if let access = entry["access"]?.string { config["access"] = .string(access) }
        if let group = entry["group"]?.string { config["group"] = .string(group) }
        let (description, docBlocks) = try describe(entry["description"], properties)
        let columns = try parseColumns(entry["columns"], properties)
        var tests: [Result<GenericTest, any Error>]?
        if !(type == .model && entry["versions"]?.items != nil) {
            let testable = Testable(
                name: name, kind: .node("\(type.rawValue).\(properties.package).\(name)"), version: nil,
                yamlKey: "\(type.rawValue)s", originalFilePath: properties.file.originalFilePath)
            tests = makeTests(entry, columns: entry["columns"], for: testable, properties)
        }
        var timeSpine: ConfigValue?
        if type == .model, let spine = entry["time_spine"] {
            timeSpine = try checkedTimeSpine(spine, of: entry, columns: columns, properties)
        }
        return NodePatch(
            entry: entry, type: type, name: name, config: config, description: description, docBlocks: docBlocks, columns: columns,
            constraints: entry["constraints"]?.value.listValue,
            deprecationDate: entry["deprecation_date"]?.string.map(Self.deprecationTimestamp),
            timeSpine: timeSpine, tests: tests)
    }

    /// A model's `time_spine:` as dbt's `UnparsedModelUpdate.validate` checks it: its standard
    /// granularity column is one of the model's columns (those of the `latest_version` given, if
    /// any) and has a `granularity`, and each custom granularity's column exists.
    private func checkedTimeSpine(
        _ spine: YAMLNode, of entry: YAMLNode, columns: [ColumnInfo], _ properties: PropertyFile
    ) throws -> ConfigValue? {
        guard let fields = spine.value.mapValue else { return nil }
        let value = Self.timeSpine(fields)
        var columns = columns
        let latest = entry["latest_version"]?.scalar
        if let latest, let version = entry["versions"]?.items?.first(where: { $0["v"]?.scalar.map(versionText) == versionText(latest) }) {
            columns = try columnsOfVersion(columns, version["columns"]?.items ?? [], properties)
        }
        let names = columns.map(\.name)
        func stop(_ message: String, help: String) -> Diagnostic {
            Diagnostic(code: "W0525", message: message, file: properties.source, span: spine.span, help: help)
        }
        let model = entry["name"]?.string ?? ""
        let standard = fields["standard_granularity_column"].map { $0.jinjaValue.pyStr } ?? "None"
        guard let column = columns.first(where: { $0.name == standard }) else {
            throw stop(
                "Time spine standard granularity column must be defined on the model. Got invalid column name "
                    + "'\(standard)' for model '\(model)'. Valid names\(latest == nil ? "" : " for latest version"): "
                    + "\(pythonListRepr(names)).",
                help: "name one of the model's columns in standard_granularity_column, or declare that column under columns:")
        }
        guard column.granularity != nil else {
            throw stop(
                "Time spine standard granularity column must have a granularity defined. Please add one for column "
                    + "'\(standard)' in model '\(model)'.",
                help: "give the column a granularity (for example `granularity: day`)")
        }
        let missing = (fields["custom_granularities"]?.listValue ?? []).compactMap { item -> String? in
            let custom = item.mapValue ?? ConfigMap()
            let name = (custom["column_name"].flatMap { $0.isNull ? nil : $0 } ?? custom["name"] ?? .null).jinjaValue.pyStr
            return names.contains(name) ? nil : name
        }
        if !missing.isEmpty {
            throw stop(
                "Time spine custom granularity columns do not exist in the model. Columns not found: "
                    + "\(pythonListRepr(missing)); Available columns: \(pythonListRepr(names))",
                help: "declare these columns under the model's columns:, or correct the custom granularities' column_name")
        }
        return value
    }

    private func patchNode(_ patch: NodePatch, _ properties: PropertyFile) throws {
        let (entry, type, name, config, description, columns) =
            (patch.entry, patch.type, patch.name, patch.config, patch.description, patch.columns)
        var targets: [(id: String, version: ConfigValue?)] = []
        if type == .model, let versions = entry["versions"]?.items {
            targets = try versionedModels(name: name, entry: entry, versions: versions, properties)
        } else {
            targets = [("\(type.rawValue).\(properties.package).\(name)", nil)]
        }
        for (id, version) in targets {
            // Taken out of the map while patched, so that it changes in place rather than as a
            // copy of its fields; put back below (an error ends the parse).
            guard var node = manifest.nodes.removeValue(forKey: id) else {
                warn(Diagnostic(
                    code: "W0508",
                    message: "Did not find matching node for patch with name '\(name)' in the '\(type.rawValue)s' section of file '\(properties.file.originalFilePath)'",
                    file: properties.source, span: entry["name"]?.span, event: "NoNodeForYamlKey"))
                continue
            }
            if let patchPath = node.patchPath, patchPath != properties.patchPath {
                throw Diagnostic(
                    code: "W0509",
                    message: "\(type.rawValue) '\(name)' has properties in two files: \(patchPath) and \(properties.file.originalFilePath)",
                    file: properties.source, span: entry["name"]?.span, help: "keep one entry per \(type.rawValue)")
            }
            node.patchPath = properties.patchPath
            node.description = description
            node.docBlocks = patch.docBlocks
            node.columns = columns
            var patchConfig = config
            if let constraints = patch.constraints { node.constraints = constraints }
            if let version {
                let versionEntry = versionEntry(entry, version)
                if let versionConfig = versionEntry?["config"] {
                    ConfigMerging.merge(try renderConfig(versionConfig, properties), into: &patchConfig)
                }
                if let versionDescription = versionEntry?["description"] {
                    (node.description, node.docBlocks) = try describe(versionDescription, properties)
                }
                if let versionColumns = versionEntry?["columns"]?.items {
                    node.columns = try columnsOfVersion(columns, versionColumns, properties)
                }
                if let versionConstraints = versionEntry?["constraints"]?.value.listValue, !versionConstraints.isEmpty {
                    node.constraints = versionConstraints
                }
            }
            if let versionDate = versionEntry(entry, version)?["deprecation_date"] {
                if let text = versionDate.string { node.deprecationDate = Self.deprecationTimestamp(text) }
            } else if let date = patch.deprecationDate {
                node.deprecationDate = date
            }
            if let spine = patch.timeSpine { node.timeSpine = spine }
            patchConfigs[id] = patchConfig
            propertyEntries[id] = PropertyEntry(file: properties.source, entry: entry)
            manifest.nodes[id] = node
            if let tests = patch.tests {
                try add(tests, properties)
            } else {
                let testable = Testable(
                    name: name, kind: .node(id), version: version, yamlKey: "\(type.rawValue)s",
                    originalFilePath: properties.file.originalFilePath)
                try parseTests(entry, columns: entry["columns"], for: testable, properties)
            }
        }
    }

    /// Versioned models: `versions: [{v: 1}, {v: 2}]` pairs each version with `<name>_v<v>.sql`
    /// (or `defined_in`), renames the node to the model's name and ids it `model.pkg.name.v<v>`.
    private func versionedModels(
        name: String, entry: YAMLNode, versions: [YAMLNode], _ properties: PropertyFile
    ) throws -> [(id: String, version: ConfigValue?)] {
        let values = versions.compactMap { $0["v"]?.scalar }
        let latest = entry["latest_version"]?.scalar ?? values.max { versionText($0) < versionText($1) } ?? .null
        var result: [(String, ConfigValue?)] = []
        for version in versions {
            guard let v = version["v"]?.scalar else {
                throw Diagnostic(code: "W0510", message: "each version needs 'v'", file: properties.source, span: version.span)
            }
            let fileName = version["defined_in"]?.string ?? "\(name)_v\(versionText(v))"
            let oldID = "model.\(properties.package).\(fileName)"
            let newID = "model.\(properties.package).\(name).v\(versionText(v))"
            guard var node = manifest.nodes.removeValue(forKey: oldID) else {
                warn(Diagnostic(
                    code: "W0508", message: "no file for version \(versionText(v)) of model '\(name)' (expected \(fileName).sql)",
                    file: properties.source, span: version.span, event: "NoNodeForYamlKey"))
                continue
            }
            node.uniqueID = newID
            node.name = name
            node.version = v
            node.latestVersion = latest
            node.alias = name + "_v" + versionText(v)
            node.fqn = Array(node.fqn.dropLast()) + [name, "v\(versionText(v))"]
            templates[newID] = templates.removeValue(forKey: oldID)
            nodeFiles[newID] = nodeFiles.removeValue(forKey: oldID)
            manifest.nodes[newID] = node
            result.append((newID, v))
        }
        return result
    }

    /// dbt's `get_columns_for_version`: the model's columns its `include`/`exclude` entry keeps
    /// (all by default), then the version's own, a repeated name replacing the earlier column.
    private func columnsOfVersion(_ base: [ColumnInfo], _ items: [YAMLNode], _ properties: PropertyFile) throws -> [ColumnInfo] {
        let filter = items.first { $0["include"] != nil }
        let include = filter?["include"]?.value ?? "*"
        let exclude = filter?["exclude"]?.value.stringList ?? []
        func included(_ name: String) -> Bool {
            let all = include.stringValue == "all" || include.stringValue == "*"
            return (all || (include.listValue != nil && include.stringList?.contains(name) == true)) && !exclude.contains(name)
        }
        var columns = base.filter { included($0.name) }
        let own = items.filter { $0["include"] == nil && $0["exclude"] == nil }
        for column in try parseColumns(YAMLNode(.sequence(own), span: own.first?.span ?? .at(0)), properties) {
            if let index = columns.firstIndex(where: { $0.name == column.name }) { columns[index] = column } else { columns.append(column) }
        }
        return columns
    }

    private func patchMacro(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        let id = "macro.\(properties.package).\(name)"
        guard var macro = manifest.macros[id] else {
            warn(Diagnostic(
                code: "W0508", message: "Did not find matching macro for patch with name '\(name)' in file '\(properties.file.originalFilePath)'",
                file: properties.source, span: entry["name"]?.span, event: "MacroNotFoundForPatch"))
            return
        }
        macro.description = try renderDescription(entry["description"], properties)
        macro.meta = entry["meta"]?.value.mapValue ?? ConfigMap()
        macro.patchPath = "\(properties.package)://\(properties.file.originalFilePath)"
        macro.arguments = entry["arguments"]?.value.listValue ?? []
        manifest.macros[id] = macro
    }

    /// A snapshot defined in YAML (dbt 1.9+): its query selects everything from `relation:`
    /// (`ref('users')` or `source('app', 'users')`); it is named after the properties file,
    /// with that file's checksum, as dbt names it.
    private func parseYAMLSnapshot(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        let id = "snapshot.\(properties.package).\(name)"
        if let existing = manifest.nodes[id] {
            throw duplicateNode(
                type: .snapshot, name: name, package: properties.package, first: existing.originalFilePath,
                second: properties.file)
        }
        func badRelation(_ message: String) -> Diagnostic {
            Diagnostic(
                code: "W0517", message: message, file: properties.source, span: entry["relation"]?.span ?? entry.span,
                help: "write `relation: ref('model')` or `relation: source('source', 'table')`")
        }
        guard let relation = entry["relation"]?.string, !relation.isEmpty else {
            throw badRelation("snapshot '\(name)' needs a 'relation' to select from")
        }
        let rawCode = "select * from {{ \(relation) }}"
        var node = ManifestNode(
            uniqueID: id, resourceType: .snapshot, packageName: properties.package, name: name,
            path: properties.file.path + "/" + name + ".sql", originalFilePath: properties.file.originalFilePath,
            fqn: [properties.package] + Self.directories(properties.file.path) + [name], rawCode: rawCode,
            checksum: properties.file.checksum)
        node.schema = target.schema
        node.database = target.database
        node.alias = name
        let template: Template
        do {
            template = try jinja.parse(rawCode, name: properties.source.name)
        } catch let error as TemplateError {
            throw badRelation("snapshot '\(name)' has a relation that is not a call: \(error.message)")
        }
        let render = try take(parseRender(node, template: template)).0
        node.refs = render.refs
        node.sources = render.sources
        templates[id] = template
        manifest.nodes[id] = node
    }

    /// A `groups:` entry: its owner (dbt wants a name or an email) and its config, which dbt
    /// takes from the `models:` tree along the group's file's folders and name, each level's
    /// values replacing the last's (`meta` merged), then its own `config:`.
    private func parseGroup(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        let id = "group.\(properties.package).\(name)"
        if let existing = manifest.groups[id] {
            throw Diagnostic(
                code: "W0515", message: "group '\(name)' is defined twice, in \(existing.originalFilePath) and \(properties.file.originalFilePath)",
                file: properties.source, span: entry["name"]?.span, help: "keep one entry per group")
        }
        guard let owner = entry["owner"]?.value.mapValue, owner["name"]?.stringValue != nil || owner["email"] != nil else {
            throw Diagnostic(
                code: "W0516", message: "group '\(name)' needs an owner with a 'name' or an 'email'", file: properties.source,
                span: entry.span, help: "write `owner: {name: Finance Analytics, email: finance@example.com}`")
        }
        var group = Group(
            uniqueID: id, name: name, packageName: properties.package, path: properties.file.path,
            originalFilePath: properties.file.originalFilePath)
        group.owner = owner
        group.description = entry["description"]?.string
        let fqn = [properties.package] + Self.directories(properties.file.path) + [name]
        let tree = package(named: properties.package)?.config.configTrees[.model]
        for layer in ConfigMerging.projectLayers(tree, fqn: fqn) + [try renderConfig(entry["config"], properties)] {
            for (key, value) in layer {
                if key == "meta", let meta = value.mapValue {
                    var merged = group.config["meta"]?.mapValue ?? ConfigMap()
                    for (metaKey, metaValue) in meta { merged[metaKey] = metaValue }
                    group.config["meta"] = .map(merged)
                } else {
                    group.config[ConfigMerging.canonicalKey(key)] = value
                }
            }
        }
        manifest.groups[id] = group
    }

    private func parseExposure(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        let id = "exposure.\(properties.package).\(name)"
        let path = properties.file.path
        var exposure = Exposure(
            uniqueID: id, name: name, packageName: properties.package, path: path,
            originalFilePath: properties.file.originalFilePath,
            fqn: [properties.package] + Self.directories(path) + [name], type: entry["type"]?.string ?? "")
        exposure.description = try renderDescription(entry["description"], properties)
        exposure.label = entry["label"]?.string
        exposure.maturity = entry["maturity"]?.string
        exposure.url = entry["url"]?.string
        exposure.ownerName = entry["owner"]?["name"]?.string
        exposure.ownerEmail = entry["owner"]?["email"]?.string
        exposure.config = try renderConfig(entry["config"], properties)
        exposure.unrenderedConfig = unrenderedConfig(.exposure, package: properties.package, fqn: exposure.fqn, over: [exposure.config])
        // dbt's `ExposureParser`: tags and meta of the project's `exposures:` tree, the entry
        // and its config, merged (tags sorted), both beside the config and in it.
        let projectTree = package(named: properties.package)?.config.configTrees[.exposure] ?? ConfigMap()
        var tags: [String] = []
        var meta = ConfigMap()
        for level in [projectTree, ConfigMap([("tags", entry["tags"]?.value ?? .null), ("meta", entry["meta"]?.value ?? .null)]),
            exposure.config]
        {
            tags += level["tags"]?.stringList ?? level["tags"]?.stringValue.map { [$0] } ?? []
            for (key, value) in level["meta"]?.mapValue ?? ConfigMap() { meta[key] = value }
        }
        exposure.tags = Set(tags).sorted()
        exposure.meta = meta
        exposure.config["tags"] = .list(exposure.tags.map(ConfigValue.string))
        exposure.config["meta"] = .map(meta)
        for dependency in entry["depends_on"]?.items ?? [] {
            guard let text = dependency.string else { continue }
            let stand = ManifestNode(
                uniqueID: id, resourceType: .exposure, packageName: properties.package, name: name, path: path,
                originalFilePath: properties.file.originalFilePath, fqn: exposure.fqn, rawCode: "",
                checksum: FileChecksum(checksum: ""))
            let state: NodeRenderState
            do {
                state = try referenceCalls(text, for: stand, file: properties.source)
            } catch let error as TemplateError {
                throw Diagnostic(
                    code: "W0511", message: "could not read this dependency of exposure '\(name)': \(error.message)",
                    file: properties.source, span: dependency.span, help: "write `ref('model')` or `source('source', 'table')`")
            }
            exposure.refs += state.refs
            exposure.sources += state.sources
        }
        manifest.exposures[id] = exposure
    }

    /// The `ref()` and `source()` calls a reference written in YAML makes (an exposure's
    /// `depends_on` item, a semantic model's `model:`), rendered as dbt renders it:
    /// `{{ <text> }}` in `node`'s parse context.
    func referenceCalls(_ text: String, for node: ManifestNode, file: SourceFile) throws -> NodeRenderState {
        let state = NodeRenderState(node: node, phase: .parse)
        let (context, shared) = self.context(for: state)
        _ = try jinja.parse("{{ \(text) }}", name: file.name).render(context, shared: shared)
        return state
    }

    /// A versioned model's entry under `versions:` for `version`.
    private func versionEntry(_ entry: YAMLNode, _ version: ConfigValue?) -> YAMLNode? {
        guard let version else { return nil }
        return entry["versions"]?.items?.first { versionText($0["v"]?.scalar ?? .null) == versionText(version) }
    }

    /// dbt's `deprecation_date` in the manifest: the date (and time) as an ISO timestamp, a
    /// naive one taken in the local time zone (Python's `astimezone()`); text that is no date
    /// stays as written.
    static func deprecationTimestamp(_ text: String) -> String {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var zone = TimeZone.current
        if body.hasSuffix("Z") {
            zone = TimeZone(secondsFromGMT: 0) ?? zone
            body = body.dropLast()
        } else if body.count > 16, case let tail = body.suffix(6), tail.first == "+" || tail.first == "-",
            tail.dropFirst(3).first == ":", let hours = Int(tail.dropFirst().prefix(2)), let minutes = Int(tail.suffix(2))
        {
            let seconds = (hours * 3600 + minutes * 60) * (tail.first == "-" ? -1 : 1)
            zone = TimeZone(secondsFromGMT: seconds) ?? zone
            body = body.dropLast(6)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            guard let date = formatter.date(from: String(body)) else { continue }
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxxxx"
            return formatter.string(from: date)
        }
        return text
    }

    /// A description's template, parsed once per text, and whether all it can do is look up doc
    /// blocks (its only calls are `doc()`s with literal names).
    struct DescriptionTemplate {
        let template: Template
        let docCalls: [StaticCall]
        let onlyReadsDocs: Bool
    }

    func descriptionTemplate(_ text: String, _ properties: PropertyFile) throws -> DescriptionTemplate {
        try descriptionTemplates.value(for: text) {
            let template = try jinja.parse(text, name: properties.source.name)
            let calls = template.staticCalls
            let docCalls = calls.filter { $0.name == "doc" }
            return DescriptionTemplate(
                template: template, docCalls: docCalls,
                onlyReadsDocs: docCalls.count == calls.count && calls.allSatisfy(\.isFullyLiteral))
        }
    }

    /// dbt's `doc_blocks` of a description: the doc blocks its `doc('name')` (or
    /// `doc('package', 'name')`) calls name, resolved as `doc()` resolves them, by unique id.
    private func docBlocks(_ calls: [StaticCall], package: String) -> [String] {
        var ids: [String] = []
        for call in calls where call.keywords.isEmpty {
            let names = call.arguments.compactMap { $0?.stringValue }
            guard names.count == call.arguments.count, (1...2).contains(names.count), let name = names.last else { continue }
            let owner = names.count == 2
                ? names[0] : [package, root.config.name].first { docBlocks[$0]?[name] != nil }
                    ?? docBlocks.keys.sorted().first { docBlocks[$0]?[name] != nil }
            if let owner, docBlocks[owner]?[name] != nil { ids.append("doc.\(owner).\(name)") }
        }
        return ids
    }
}
