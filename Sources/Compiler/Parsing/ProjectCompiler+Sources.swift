import Diagnostics
import Jinja
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// A `sources:` entry: one `SourceDefinition` per table, `source.<package>.<source>.<table>`.
    func parseSource(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let sourceName = entry["name"]?.string ?? ""
        let renderer = yamlRenderer
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
        let sourceFreshness = entry["freshness"]?.value ?? entry["config"]?["freshness"]?.value
        let sourceLoadedAt = entry["loaded_at_field"]?.string
        for table in entry["tables"]?.items ?? [] {
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
            source.description = try renderDescription(table["description"], properties)
            source.sourceDescription = sourceDescription
            source.loader = entry["loader"]?.string ?? ""
            source.loadedAtField = table["loaded_at_field"]?.string ?? sourceLoadedAt
            source.freshness = table["freshness"]?.value ?? sourceFreshness ?? .null
            var quoting = sourceQuoting
            for (key, value) in table["quoting"]?.value.mapValue ?? ConfigMap() { quoting[key] = value }
            source.quoting = quoting
            source.columns = try parseColumns(table["columns"], properties)
            source.sourceMeta = sourceMeta
            var meta = sourceMeta
            for (key, value) in table["meta"]?.value.mapValue ?? ConfigMap() { meta[key] = value }
            source.meta = meta
            source.tags = sourceTags + (table["tags"]?.value.stringList ?? []).filter { !sourceTags.contains($0) }
            var config = ConfigMap()
            for layer in ConfigMerging.projectLayers(root.config.configTrees[.source], fqn: source.fqn) {
                ConfigMerging.merge(layer, into: &config)
            }
            ConfigMerging.merge(sourceConfig, into: &config)
            ConfigMerging.merge(try renderConfig(table["config"], properties), into: &config)
            if config["enabled"] == nil { config["enabled"] = true }
            source.config = config
            source.external = table["external"]?.value ?? .null
            source.relationName = relation(for: source).rendered
            guard source.isEnabled else { continue }
            manifest.sources[id] = source
            sourceByName["\(sourceName).\(tableName)"] = id
            // dbt names a source table's tests after `<source>_<table>`.
            let testable = Testable(
                name: "\(sourceName)_\(tableName)", kind: .source(sourceName: sourceName, tableName: tableName), version: nil,
                yamlKey: "sources", originalFilePath: properties.file.originalFilePath)
            try parseTests(table, columns: table["columns"], for: testable, properties)
        }
    }
}
