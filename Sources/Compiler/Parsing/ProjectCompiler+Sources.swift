import Diagnostics
import Jinja
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// A `sources:` entry (rendered; `written` as in the file): one `SourceDefinition` per table,
    /// `source.<package>.<source>.<table>`.
    func parseSource(
        _ entry: YAMLNode, written: YAMLNode, tests: [[Result<GenericTest, any Error>]], _ properties: PropertyFile
    ) throws {
        let sourceName = entry["name"]?.string ?? ""
        let renderer = propertyRenderer(properties)
        func render(_ node: YAMLNode?) throws -> ConfigValue? {
            guard let node else { return nil }
            let wrapped = YAMLNode(.mapping([YAMLNode.Entry(key: "value", keySpan: node.span, value: node)]), span: node.span)
            return try renderer.render(wrapped, file: properties.source) { _ in true }["value"]
        }
        let sourceDescription = try renderDescription(entry["description"], properties)
        let schema = try render(entry["schema"])?.stringValue ?? sourceName
        let database = try render(entry["database"])?.stringValue ?? target.database
        let sourceConfig = try renderConfig(entry["config"], properties)
        let sourceMeta = entry["meta"]?.value.mapValue ?? ConfigMap()
        let sourceTags = entry["tags"]?.value.stringList ?? []
        let sourceQuoting = entry["quoting"]?.value.mapValue ?? ConfigMap()
        let sourceLoadedAt = entry["loaded_at_field"]?.string
        for (index, table) in (entry["tables"]?.items ?? []).enumerated() {
            guard let tableName = table["name"]?.string else {
                throw Diagnostic(code: "W0512", message: "each source table needs a 'name'", file: properties.source, span: table.span)
            }
            let id = "source.\(properties.package).\(sourceName).\(tableName)"
            if manifest.sources[id] != nil {
                throw Diagnostic(
                    code: "W0513", message: "source table '\(sourceName).\(tableName)' is defined twice",
                    file: properties.source, span: table.span)
            }
            var source = SourceDefinition(
                uniqueID: id, packageName: properties.package, sourceName: sourceName, name: tableName,
                identifier: try render(table["identifier"])?.stringValue ?? tableName, schema: schema,
                path: properties.file.originalFilePath, originalFilePath: properties.file.originalFilePath,
                fqn: [properties.package] + Self.directories(properties.file.path) + [sourceName, tableName])
            source.database = database
            (source.description, source.docBlocks) = try describe(table["description"], properties)
            source.sourceDescription = sourceDescription
            source.loader = entry["loader"]?.string ?? ""
            var quoting = sourceQuoting
            for (key, value) in table["quoting"]?.value.mapValue ?? ConfigMap() { quoting[key] = value }
            source.quoting = quoting
            source.columns = try parseColumns(table["columns"], properties)
            source.sourceMeta = sourceMeta
            for (key, value) in sourceConfig["meta"]?.mapValue ?? ConfigMap() { source.sourceMeta[key] = value }
            let tableConfig = try renderConfig(table["config"], properties)
            // dbt's precedence configs: the source's and the table's `config:`, then what may also
            // be written beside them (freshness, loaded_at_field, meta, tags), merged across both
            // levels; all over the project's `sources:` tree.
            var precedence = sourceConfig
            ConfigMerging.merge(tableConfig, into: &precedence)
            switch Self.mergedFreshness([
                entry["freshness"].map { $0.value } ?? .map(ConfigMap()), sourceConfig["freshness"] ?? .map(ConfigMap()),
                table["freshness"].map { $0.value } ?? .map(ConfigMap()), tableConfig["freshness"] ?? .map(ConfigMap()),
            ]) {
            case nil: precedence["freshness"] = .null
            case let threshold? where Self.isSet(threshold): precedence["freshness"] = .map(threshold)
            default: precedence["freshness"] = nil
            }
            if table["loaded_at_field"] != nil || !(tableConfig["loaded_at_field"]?.isNull ?? true) {
                precedence["loaded_at_field"] =
                    table["loaded_at_field"]?.string.flatMap { $0.isEmpty ? nil : .string($0) }
                    ?? tableConfig["loaded_at_field"] ?? .null
            } else {
                precedence["loaded_at_field"] =
                    sourceLoadedAt.flatMap { $0.isEmpty ? nil : .string($0) } ?? sourceConfig["loaded_at_field"] ?? .null
            }
            // (A table's `loaded_at_field` set, even to null, also drops the source's query.)
            let tableLoadedAtQuery = table["loaded_at_query"]?.string ?? tableConfig["loaded_at_query"]?.stringValue
            let sourceLoadedAtQuery = entry["loaded_at_query"]?.string ?? sourceConfig["loaded_at_query"]?.stringValue
            precedence["loaded_at_query"] =
                (tableLoadedAtQuery ?? (table["loaded_at_field"] == nil ? sourceLoadedAtQuery : nil)).map(ConfigValue.string) ?? .null
            var meta = sourceMeta
            for level in [sourceConfig["meta"], table["meta"]?.value, tableConfig["meta"]] {
                for (key, value) in level?.mapValue ?? ConfigMap() { meta[key] = value }
            }
            precedence["meta"] = .map(meta)
            let tags = [sourceTags, Self.tagList(sourceConfig["tags"]), table["tags"]?.value.stringList ?? [],
                Self.tagList(tableConfig["tags"])].joined()
            precedence["tags"] = .list(Set(tags).sorted().map(ConfigValue.string))
            var config = ConfigMap()
            for layer in ConfigMerging.projectLayers(root.config.configTrees[.source], fqn: source.fqn) {
                ConfigMerging.merge(layer, into: &config)
            }
            for (key, value) in precedence { config[key] = value }
            if config["enabled"] == nil { config["enabled"] = true }
            source.config = config
            source.unrenderedConfig = unrenderedConfig(.source, package: properties.package, fqn: source.fqn, over: [precedence])
            source.unrenderedDatabase = written["database"]?.string
            source.unrenderedSchema = written["schema"]?.string
            source.meta = meta
            source.tags = Set(tags).sorted()
            source.loadedAtField = config["loaded_at_field"]?.stringValue
            source.loadedAtQuery = config["loaded_at_query"]?.stringValue
            source.freshness = config["freshness"] ?? .map(ConfigMap())
            source.external = table["external"]?.value ?? .null
            source.relationName = relation(for: source, projectQuoting: root.config.quoting).rendered
            if source.isEnabled {
                manifest.sources[id] = source
                sourceByName["\(sourceName).\(tableName)"] = id
            } else {
                manifest.disabledSources[id] = source
            }
            // A disabled table's tests are made too, and disabled with it (`resolveDependencies`).
            if index < tests.count { try add(tests[index], properties) }
        }
    }

    /// The tests of each table of a `sources:` entry, made on any thread while the files are
    /// planned (a table without a name gets none: `parseSource` reports it).
    func sourceTests(_ entry: YAMLNode, _ properties: PropertyFile) -> [[Result<GenericTest, any Error>]] {
        let sourceName = entry["name"]?.string ?? ""
        let sourceTags = entry["tags"]?.value.stringList ?? []
        return (entry["tables"]?.items ?? []).map { table in
            guard let tableName = table["name"]?.string else { return [] }
            // dbt names a source table's tests after `<source>_<table>`.
            let testable = Testable(
                name: "\(sourceName)_\(tableName)", kind: .source(sourceName: sourceName, tableName: tableName), version: nil,
                yamlKey: "sources", originalFilePath: properties.file.originalFilePath,
                tags: sourceTags + (table["tags"]?.value.stringList ?? []))
            return makeTests(table, columns: table["columns"], for: testable, properties)
        }
    }

    /// dbt's `merge_source_freshness` over the levels of a source table, source first: nil is
    /// `freshness: null` (no freshness); a later level's thresholds replace an earlier's, each
    /// of `warn_after` and `error_after` only when set.
    static func mergedFreshness(_ levels: [ConfigValue]) -> ConfigMap? {
        func threshold(_ value: ConfigValue) -> ConfigMap? { value.isNull ? nil : value.mapValue ?? ConfigMap() }
        var merged = levels.first.flatMap(threshold)
        for level in levels.dropFirst() {
            let update = threshold(level)
            if var base = merged, let update {
                if let filter = update["filter"], !filter.isNull { base["filter"] = filter }
                for key in ["warn_after", "error_after"] {
                    let time = update[key]
                    if time?.isNull == true, update[key] != nil {
                        base[key] = .null
                    } else if let time, isSetTime(time) {
                        base[key] = time
                    }
                }
                merged = base
            } else if merged == nil, let update, isSet(update) {
                merged = update
            } else {
                merged = nil
            }
        }
        return merged
    }

    /// `FreshnessThreshold.__bool__`: a warning or an error threshold is set.
    static func isSet(_ threshold: ConfigMap) -> Bool {
        [threshold["warn_after"], threshold["error_after"]].contains { $0.map(isSetTime) ?? false }
    }

    /// `Time.__bool__`: both a count and a period.
    private static func isSetTime(_ time: ConfigValue) -> Bool {
        guard let map = time.mapValue else { return false }
        return !(map["count"]?.isNull ?? true) && !(map["period"]?.isNull ?? true)
    }

    /// A `tags` config as a list (a single tag may be written as a string).
    private static func tagList(_ value: ConfigValue?) -> [String] {
        guard let value, !value.isNull else { return [] }
        return value.stringList ?? value.stringValue.map { [$0] } ?? []
    }
}
