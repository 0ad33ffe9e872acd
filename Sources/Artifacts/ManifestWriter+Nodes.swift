import ProjectModel

extension ManifestWriter {
    /// A node of `nodes` (or of a `disabled` list), with the fields of dbt's resource class for
    /// its type (`Model`, `Seed`, `SingularTest`, `GenericTest`, `Snapshot`, `Analysis`,
    /// `HookNode`) in their declaration order, minus what dbt drops when it writes an artifact
    /// (`config_call_dict`, `unrendered_config_call_dict`, `_pre_injected_sql`,
    /// `defer_relation`, and the compiled fields of a node that was not compiled).
    func nodeObject(_ node: ManifestNode) -> JSONValue {
        let config = ConfigShape.forNode(node.resourceType).apply(node.config)
        var object = JSONObject()
        // ParsedResourceMandatory
        object["database"] = .string(node.database)
        object["schema"] = .string(node.schema)
        object["name"] = .string(node.name)
        object["resource_type"] = .string(node.resourceType.rawValue)
        object["package_name"] = .string(node.packageName)
        object["path"] = .string(node.path)
        object["original_file_path"] = .string(node.originalFilePath)
        object["unique_id"] = .string(node.uniqueID)
        object["fqn"] = .strings(node.fqn)
        object["alias"] = .string(node.alias)
        object["checksum"] = [
            "name": .string(node.checksum.name), "checksum": .string(node.checksum.checksum),
        ]
        object["config"] = .object(config)
        // ParsedResource
        object["tags"] = .strings(node.tags)
        object["description"] = .string(node.description)
        object["columns"] = columnsObject(node.columns)
        object["meta"] = .object(node.meta.json)
        object["group"] = .string(node.group ?? node.config["group"]?.stringValue)
        object["docs"] = .object(ConfigShape.docs.apply(node.config["docs"]?.mapValue ?? ConfigMap()))
        object["patch_path"] = .string(node.patchPath)
        object["build_path"] = .null
        object["unrendered_config"] = .object(node.unrenderedConfig.json)
        object["created_at"] = createdAtValue
        object["relation_name"] = .string(node.relationName)
        object["raw_code"] = .string(node.rawCode)
        object["doc_blocks"] = []

        if node.resourceType == .seed {
            object["root_path"] = .string(packageRoots[node.packageName])
            object["depends_on"] = ["macros": .strings(node.dependsOn.macros)]
            return .object(object)
        }

        // CompiledResource
        object["language"] = .string(node.language)
        object["refs"] = .array(node.refs.map(refObject))
        object["sources"] = .array(node.sources.map { .strings([$0.sourceName, $0.tableName]) })
        object["metrics"] = []
        object["functions"] = []
        object["depends_on"] = dependsOnObject(node.dependsOn)
        object["compiled_path"] = .null
        if let compiledCode = node.compiledCode {
            object["compiled"] = true
            object["compiled_code"] = .string(compiledCode)
            object["extra_ctes_injected"] = true
            object["extra_ctes"] = .array(
                node.extraCTEs.map { ["id": .string($0.id), "sql": .string($0.sql)] })
        }
        var contract = ConfigShape.contract.apply(node.config["contract"]?.mapValue ?? ConfigMap())
        contract["checksum"] = .string(node.contractChecksum)
        object["contract"] = .object(contract)

        switch node.resourceType {
        case .model:
            object["access"] = .string(node.access)
            object["constraints"] = .array(
                node.constraints.map { constraint(ConfigShape.modelConstraint, $0) })
            object["version"] = node.version?.json ?? .null
            object["latest_version"] = node.latestVersion?.json ?? .null
            object["deprecation_date"] = .string(node.deprecationDate)
            object["primary_key"] = []
            object["time_spine"] = .null
        case .test:
            if let metadata = node.testMetadata {
                object["column_name"] = .string(node.columnName)
                object["file_key_name"] = .string(node.fileKeyName)
                object["attached_node"] = .string(node.attachedNode)
                var fields = ConfigMap()
                fields["name"] = .string(metadata.name)
                fields["kwargs"] = .map(metadata.kwargs)
                fields["namespace"] = metadata.namespace.map(ConfigValue.string) ?? .null
                object["test_metadata"] = .object(ConfigShape.testMetadata.apply(fields))
            }
        case .operation:
            object["index"] = node.hookIndex.map(JSONValue.int) ?? .null
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
            info["name"] = .string(column.name)
            info["description"] = .string(column.description)
            info["meta"] = .object(column.meta.json)
            info["data_type"] = .string(column.dataType)
            info["constraints"] = .array(
                column.constraints.map { constraint(ConfigShape.columnConstraint, $0) })
            info["quote"] = column.quote.map(JSONValue.bool) ?? .null
            info["config"] = .object(ConfigShape.column.apply(column.config))
            info["tags"] = .strings(column.tags)
            info["granularity"] = .string(column.granularity)
            info["doc_blocks"] = []
            object[column.name] = .object(info)
        }
        return .object(object)
    }
}
