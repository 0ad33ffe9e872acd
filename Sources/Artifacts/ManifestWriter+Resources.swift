import ProjectModel

extension ManifestWriter {
    /// `SourceDefinition`.
    public func sourceObject(_ source: SourceDefinition) -> JSONValue {
        var object = JSONObject()
        object["database"] = .string(source.database)
        object["schema"] = .string(source.schema)
        object["name"] = .string(source.name)
        object["resource_type"] = "source"
        object["package_name"] = .string(source.packageName)
        object["path"] = .string(source.path)
        object["original_file_path"] = .string(source.originalFilePath)
        object["unique_id"] = .string(source.uniqueID)
        object["fqn"] = .strings(source.fqn)
        object["source_name"] = .string(source.sourceName)
        object["source_description"] = .string(source.sourceDescription)
        object["loader"] = .string(source.loader)
        object["identifier"] = .string(source.identifier)
        object["quoting"] = .object(ConfigShape.quoting.apply(source.quoting))
        object["loaded_at_field"] = .string(source.loadedAtField)
        object["loaded_at_query"] = .string(source.loadedAtQuery)
        let config = ConfigShape.source.apply(source.config)
        if case .map(let freshness) = source.freshness {
            object["freshness"] = .object(ConfigShape.freshnessThreshold.apply(freshness))
        } else {
            // dbt 1.10+ copies the merged config freshness onto the source when none is set on
            // it (so an unconfigured source shows empty thresholds, not null).
            object["freshness"] = config["freshness"] ?? .null
        }
        object["external"] = externalObject(source.external)
        object["description"] = .string(source.description)
        object["columns"] = columnsObject(source.columns)
        object["meta"] = .object(source.meta.json)
        object["source_meta"] = .object(source.sourceMeta.json)
        object["tags"] = .strings(source.tags)
        object["config"] = .object(config)
        object["patch_path"] = .null
        object["unrendered_config"] = .object(Self.unrenderedConfig(of: source))
        object["relation_name"] = .string(source.relationName)
        object["created_at"] = createdAtValue
        object["unrendered_database"] = source.unrenderedDatabase.map(JSONValue.string) ?? .null
        object["unrendered_schema"] = source.unrenderedSchema.map(JSONValue.string) ?? .null
        object["doc_blocks"] = .strings(source.docBlocks)
        return .object(object)
    }

    /// A source's `unrendered_config`, its `freshness` written out as dbt's `FreshnessThreshold`
    /// writes itself (with every field).
    static func unrenderedConfig(of source: SourceDefinition) -> JSONObject {
        var object = source.unrenderedConfig.json
        if case .map(let freshness)? = source.unrenderedConfig["freshness"] {
            object["freshness"] = .object(ConfigShape.freshnessThreshold.apply(freshness))
        }
        return object
    }

    /// `ExternalTable`, its partitions as `ExternalPartition`s (or names), or `null`.
    func externalObject(_ external: ConfigValue) -> JSONValue {
        guard case .map(let map) = external else { return external.json }
        var table = ConfigShape.externalTable.apply(map)
        if case .list(let partitions) = map["partitions"] {
            table["partitions"] = .array(
                partitions.map { partition in
                    guard case .map(let fields) = partition else { return partition.json }
                    return .object(ConfigShape.externalPartition.apply(fields))
                })
        }
        return .object(table)
    }

    /// `Macro`.
    func macroObject(_ macro: MacroInfo) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(macro.name)
        object["resource_type"] = "macro"
        object["package_name"] = .string(macro.packageName)
        object["path"] = .string(macro.path)
        object["original_file_path"] = .string(macro.originalFilePath)
        object["unique_id"] = .string(macro.uniqueID)
        object["macro_sql"] = .string(macro.macroSQL)
        object["depends_on"] = ["macros": .strings(macro.dependsOn)]
        object["description"] = .string(macro.description)
        object["meta"] = .object(macro.meta.json)
        let docs = ConfigShape.docs.apply(ConfigMap([("show", .bool(macro.docsShow))]))
        object["docs"] = .object(docs)
        object["config"] = ["meta": .object(macro.meta.json), "docs": .object(docs)]
        object["patch_path"] = .string(macro.patchPath)
        object["arguments"] = .array(
            macro.arguments.map { argument in
                guard case .map(let fields) = argument else { return argument.json }
                return .object(ConfigShape.macroArgument.apply(fields))
            })
        object["created_at"] = createdAtValue
        object["supported_languages"] = .null
        return .object(object)
    }

    /// `Documentation`.
    func docObject(_ doc: DocBlock) -> JSONValue {
        [
            "name": .string(doc.name), "resource_type": "doc", "package_name": .string(doc.packageName),
            "path": .string(doc.path), "original_file_path": .string(doc.originalFilePath),
            "unique_id": .string(doc.uniqueID), "block_contents": .string(doc.blockContents),
        ]
    }

    /// `Exposure`.
    /// `Group`: its owner as dbt's `Owner` writes it (`email`, `name`, then any other key).
    func groupObject(_ group: Group) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(group.name)
        object["resource_type"] = "group"
        object["package_name"] = .string(group.packageName)
        object["path"] = .string(group.path)
        object["original_file_path"] = .string(group.originalFilePath)
        object["unique_id"] = .string(group.uniqueID)
        var owner = JSONObject()
        owner["email"] = group.owner["email"]?.json ?? .null
        owner["name"] = group.owner["name"]?.json ?? .null
        for (key, value) in group.owner where key != "email" && key != "name" { owner[key] = value.json }
        object["owner"] = .object(owner)
        object["description"] = .string(group.description)
        object["config"] = .object(ConfigShape.group.apply(group.config))
        return .object(object)
    }

    /// `SemanticModel`, `Metric` or `SavedQuery`: the identifying fields, then the resource's
    /// own in dbt's order, `created_at` among them.
    public func semanticObject(_ resource: SemanticResource) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(resource.name)
        object["resource_type"] = .string(resource.resourceType.rawValue)
        object["package_name"] = .string(resource.packageName)
        object["path"] = .string(resource.path)
        object["original_file_path"] = .string(resource.originalFilePath)
        object["unique_id"] = .string(resource.uniqueID)
        object["fqn"] = .strings(resource.fqn)
        for (key, value) in resource.fields { object[key] = key == "created_at" ? createdAtValue : value.json }
        return .object(object)
    }

    public func exposureObject(_ exposure: Exposure) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(exposure.name)
        object["resource_type"] = "exposure"
        object["package_name"] = .string(exposure.packageName)
        object["path"] = .string(exposure.path)
        object["original_file_path"] = .string(exposure.originalFilePath)
        object["unique_id"] = .string(exposure.uniqueID)
        object["fqn"] = .strings(exposure.fqn)
        object["type"] = .string(exposure.type)
        object["owner"] = ["email": .string(exposure.ownerEmail), "name": .string(exposure.ownerName)]
        object["description"] = .string(exposure.description)
        object["label"] = .string(exposure.label)
        object["maturity"] = .string(exposure.maturity)
        object["meta"] = .object(exposure.meta.json)
        object["tags"] = .strings(exposure.tags)
        object["config"] = .object(ConfigShape.exposure.apply(exposure.config))
        object["unrendered_config"] = .object(exposure.unrenderedConfig.json)
        object["url"] = .string(exposure.url)
        object["depends_on"] = dependsOnObject(exposure.dependsOn)
        object["refs"] = .array(exposure.refs.map(refObject))
        object["sources"] = .array(exposure.sources.map { .strings([$0.sourceName, $0.tableName]) })
        object["metrics"] = []
        object["created_at"] = createdAtValue
        return .object(object)
    }

    /// dbt's `UnitTestDefinition`.
    public func unitTestObject(_ test: UnitTestDefinition) -> JSONValue {
        func fixture(_ fixture: UnitTestFixture) -> JSONValue {
            var object = JSONObject()
            if let input = fixture.input { object["input"] = .string(input) }
            object["rows"] = fixture.rows.json
            object["format"] = .string(fixture.format)
            object["fixture"] = .string(fixture.fixture)
            return .object(object)
        }
        var object = JSONObject()
        object["model"] = .string(test.model)
        object["given"] = .array(test.given.map(fixture))
        object["expect"] = fixture(test.expect)
        object["name"] = .string(test.name)
        object["resource_type"] = "unit_test"
        object["package_name"] = .string(test.packageName)
        object["path"] = .string(test.path)
        object["original_file_path"] = .string(test.originalFilePath)
        object["unique_id"] = .string(test.uniqueID)
        object["fqn"] = .strings(test.fqn)
        object["description"] = .string(test.description)
        object["overrides"] = test.overrides.map { .object($0.json) } ?? .null
        object["depends_on"] = ["macros": [], "nodes": .strings(test.dependsOnNodes)]
        // dbt's `UnitTestConfig`: its four fields always, then any other key set.
        var config = ConfigMap([("tags", .list([])), ("meta", .map(ConfigMap())), ("enabled", true), ("static_analysis", .null)])
        for (key, value) in test.config { config[key] = value }
        object["config"] = .object(config.json)
        object["checksum"] = .string(test.checksum)
        object["schema"] = .string(test.schema)
        object["created_at"] = createdAtValue
        object["versions"] = test.versions?.json ?? .null
        object["version"] = test.version?.json ?? .null
        return .object(object)
    }
}
