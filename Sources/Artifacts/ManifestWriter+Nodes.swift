import ProjectModel

extension ManifestWriter {
    /// A node of `nodes` (or of a `disabled` list), with the fields of dbt's resource class for
    /// its type (`Model`, `Seed`, `SingularTest`, `GenericTest`, `Snapshot`, `Analysis`,
    /// `HookNode`) in their declaration order, minus what dbt drops when it writes an artifact
    /// (`config_call_dict`, `unrendered_config_call_dict`, `_pre_injected_sql`,
    /// `defer_relation`, and the compiled fields of a node that was not compiled).
    func nodeObject(_ node: ManifestNode) -> JSONValue {
        let config = ConfigShape.forNode(node.resourceType).apply(node.config)
        // `appendNew`: every key is set once, so none is looked for first.
        var object = JSONObject()
        object.reserveCapacity(56)
        // ParsedResourceMandatory
        object.appendNew("database", .string(node.database))
        object.appendNew("schema", .string(node.schema))
        object.appendNew("name", .string(node.name))
        object.appendNew("resource_type", .string(node.resourceType.rawValue))
        object.appendNew("package_name", .string(node.packageName))
        object.appendNew("path", .string(node.path))
        object.appendNew("original_file_path", .string(node.originalFilePath))
        object.appendNew("unique_id", .string(node.uniqueID))
        object.appendNew("fqn", .strings(node.fqn))
        object.appendNew("alias", .string(node.alias))
        object.appendNew("checksum", [
            "name": .string(node.checksum.name), "checksum": .string(node.checksum.checksum),
        ])
        object.appendNew("config", .object(config))
        // ParsedResource
        object.appendNew("tags", .strings(node.tags))
        object.appendNew("description", .string(node.description))
        object.appendNew("columns", columnsObject(node.columns))
        object.appendNew("meta", .object(node.meta.json))
        object.appendNew("group", .string(node.group ?? node.config["group"]?.stringValue))
        object.appendNew("docs", .object(ConfigShape.docs.apply(node.config["docs"]?.mapValue ?? ConfigMap())))
        object.appendNew("patch_path", .string(node.patchPath))
        object.appendNew("build_path", .null)
        object.appendNew("unrendered_config", .object(node.unrenderedConfig.json))
        object.appendNew("created_at", createdAtValue)
        object.appendNew("relation_name", .string(node.relationName))
        object.appendNew("raw_code", .string(node.rawCode))
        object.appendNew("doc_blocks", [])

        if node.resourceType == .seed {
            object.appendNew("root_path", .string(packageRoots[node.packageName]))
            object.appendNew("depends_on", ["macros": .strings(node.dependsOn.macros)])
            return .object(object)
        }

        // CompiledResource
        object.appendNew("language", .string(node.language))
        object.appendNew("refs", .array(node.refs.map(refObject)))
        object.appendNew("sources", .array(node.sources.map { .strings([$0.sourceName, $0.tableName]) }))
        object.appendNew("metrics", [])
        object.appendNew("functions", [])
        object.appendNew("depends_on", dependsOnObject(node.dependsOn))
        object.appendNew("compiled_path", .null)
        if let compiledCode = node.compiledCode {
            object.appendNew("compiled", true)
            object.appendNew("compiled_code", .string(compiledCode))
            object.appendNew("extra_ctes_injected", true)
            object.appendNew("extra_ctes", .array(
                node.extraCTEs.map { ["id": .string($0.id), "sql": .string($0.sql)] }))
        }
        var contract = ConfigShape.contract.apply(node.config["contract"]?.mapValue ?? ConfigMap())
        contract["checksum"] = .string(node.contractChecksum)
        object.appendNew("contract", .object(contract))

        switch node.resourceType {
        case .model:
            object.appendNew("access", .string(node.access))
            object.appendNew("constraints", .array(
                node.constraints.map { constraint(ConfigShape.modelConstraint, $0) }))
            object.appendNew("version", node.version?.json ?? .null)
            object.appendNew("latest_version", node.latestVersion?.json ?? .null)
            object.appendNew("deprecation_date", .string(node.deprecationDate))
            object.appendNew("primary_key", [])
            object.appendNew("time_spine", .null)
        case .test:
            if let metadata = node.testMetadata {
                object.appendNew("column_name", .string(node.columnName))
                object.appendNew("file_key_name", .string(node.fileKeyName))
                object.appendNew("attached_node", .string(node.attachedNode))
                var fields = ConfigMap()
                fields["name"] = .string(metadata.name)
                fields["kwargs"] = .map(metadata.kwargs)
                fields["namespace"] = metadata.namespace.map(ConfigValue.string) ?? .null
                object.appendNew("test_metadata", .object(ConfigShape.testMetadata.apply(fields)))
            }
        case .operation:
            object.appendNew("index", node.hookIndex.map(JSONValue.int) ?? .null)
        case .seed, .snapshot, .analysis, .source, .exposure, .macro, .doc, .unitTest:
            break
        }
        return .object(object)
    }

    /// `RefArgs`: `{name, package, version}`.
    func refObject(_ ref: RefCall) -> JSONValue {
        ["name": .string(ref.name), "package": .string(ref.package), "version": ref.version?.json ?? .null]
    }

    /// `DependsOn`: `{macros, nodes}`.
    func dependsOnObject(_ dependsOn: DependsOn) -> JSONValue {
        ["macros": .strings(dependsOn.macros), "nodes": .strings(dependsOn.nodes)]
    }

    /// A column or model constraint over its defaults; anything but a mapping is written as is.
    func constraint(_ shape: ConfigShape, _ value: ConfigValue) -> JSONValue {
        guard case .map(let map) = value else { return value.json }
        return .object(shape.apply(map))
    }

    /// `columns`: `ColumnInfo` by name, in declaration order (a later duplicate replaces the
    /// earlier in place, as assigning into a Python dict does).
    func columnsObject(_ columns: [ColumnInfo]) -> JSONValue {
        var object = JSONObject()
        for column in columns {
            var info = JSONObject()
            info.appendNew("name", .string(column.name))
            info.appendNew("description", .string(column.description))
            info.appendNew("meta", .object(column.meta.json))
            info.appendNew("data_type", .string(column.dataType))
            info.appendNew("constraints", .array(
                column.constraints.map { constraint(ConfigShape.columnConstraint, $0) }))
            info.appendNew("quote", column.quote.map(JSONValue.bool) ?? .null)
            info.appendNew("config", .object(ConfigShape.column.apply(column.config)))
            info.appendNew("tags", .strings(column.tags))
            info.appendNew("granularity", .string(column.granularity))
            info.appendNew("doc_blocks", [])
            object[column.name] = .object(info)
        }
        return .object(object)
    }
}
