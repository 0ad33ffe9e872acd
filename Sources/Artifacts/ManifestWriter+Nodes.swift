import ProjectModel

extension ManifestWriter {
    /// A node of `nodes` (or of a `disabled` list), with the fields of dbt's resource class for
    /// its type (`Model`, `Seed`, `SingularTest`, `GenericTest`, `Snapshot`, `Analysis`,
    /// `HookNode`) in their declaration order, minus what dbt drops when it writes an artifact
    /// (`config_call_dict`, `unrendered_config_call_dict`, `_pre_injected_sql`,
    /// `defer_relation`, and the compiled fields of a node that was not compiled).
    public func nodeObject(_ node: ManifestNode) -> JSONValue {
        .object(JSONObjectBuilder.build(capacity: 56) { write(node, to: &$0) })
    }

    /// `nodeObject(node)`'s text, written without building it.
    func writeNode(_ node: ManifestNode, to output: inout [UInt8]) {
        var writer = JSONTextWriter(bytes: output)
        output = []
        writer.object { write(node, to: &$0) }
        output = writer.bytes
    }

    /// The members of `nodeObject(node)`.
    func write(_ node: ManifestNode, to object: inout some JSONMemberWriter) {
        let configShape = ConfigShape.forNode(node.resourceType)
        // ParsedResourceMandatory
        object.member("database", string: node.database)
        object.member("schema", string: node.schema)
        object.member("name", string: node.name)
        object.member("resource_type", string: node.resourceType.rawValue)
        object.member("package_name", string: node.packageName)
        object.member("path", string: node.path)
        object.member("original_file_path", string: node.originalFilePath)
        object.member("unique_id", string: node.uniqueID)
        object.member("fqn", strings: node.fqn)
        object.member("alias", string: node.alias)
        object.member("checksum") {
            $0.member("name", string: node.checksum.name)
            $0.member("checksum", string: node.checksum.checksum)
        }
        object.member("config") { configShape.write(node.config, to: &$0) }
        // ParsedResource
        object.member("tags", strings: node.tags)
        object.member("description", string: node.description)
        object.member("columns") { writeColumns(node.columns, to: &$0) }
        object.member("meta") { $0.members(of: node.meta) }
        object.member("group", string: node.group ?? node.config["group"]?.stringValue)
        object.member("docs") { ConfigShape.docs.write(node.config["docs"]?.mapValue ?? ConfigMap(), to: &$0) }
        object.member("patch_path", string: node.patchPath)
        object.member("build_path", .null)
        object.member("unrendered_config") { $0.members(of: node.unrenderedConfig) }
        object.member("created_at", createdAtValue, written: createdAtText)
        object.member("relation_name", string: node.relationName)
        object.member("raw_code", string: node.rawCode)
        object.member("doc_blocks", strings: node.docBlocks)

        if node.resourceType == .seed {
            object.member("root_path", string: packageRoots[node.packageName])
            object.member("depends_on") { $0.member("macros", strings: node.dependsOn.macros) }
            return
        }

        // CompiledResource
        object.member("language", string: node.language)
        object.member("refs", .array(node.refs.map(refObject)))
        object.member("sources", .array(node.sources.map { .strings([$0.sourceName, $0.tableName]) }))
        object.member("metrics", [])
        object.member("functions", [])
        object.member("depends_on") { writeDependsOn(node.dependsOn, to: &$0) }
        object.member("compiled_path", .null)
        if let compiledCode = node.compiledCode {
            object.member("compiled", true)
            object.member("compiled_code", string: compiledCode)
            object.member("extra_ctes_injected", true)
            object.member("extra_ctes", .array(
                node.extraCTEs.map { ["id": .string($0.id), "sql": .string($0.sql)] }))
        }
        object.member("contract") {
            ConfigShape.contractConfig.write(node.config["contract"]?.mapValue ?? ConfigMap(), to: &$0)
            $0.member("checksum", string: node.contractChecksum)
        }

        switch node.resourceType {
        case .model:
            object.member("access", string: node.access)
            object.member("constraints", .array(
                node.constraints.map { constraint(ConfigShape.modelConstraint, $0) }))
            object.member("version", node.version?.json ?? .null)
            object.member("latest_version", node.latestVersion?.json ?? .null)
            object.member("deprecation_date", string: node.deprecationDate)
            object.member("primary_key", strings: node.primaryKey)
            object.member("time_spine", node.timeSpine?.json ?? .null)
        case .test:
            if let metadata = node.testMetadata {
                object.member("column_name", string: node.columnName)
                object.member("file_key_name", string: node.fileKeyName)
                object.member("attached_node", string: node.attachedNode)
                var fields = ConfigMap()
                fields["name"] = .string(metadata.name)
                fields["kwargs"] = .map(metadata.kwargs)
                fields["namespace"] = metadata.namespace.map(ConfigValue.string) ?? .null
                object.member("test_metadata") { ConfigShape.testMetadata.write(fields, to: &$0) }
            }
        case .operation:
            object.member("index", node.hookIndex.map(JSONValue.int) ?? .null)
        case .seed, .snapshot, .analysis, .source, .exposure, .macro, .doc, .unitTest, .semanticModel, .metric, .savedQuery:
            break
        }
    }

    /// `RefArgs`: `{name, package, version}`.
    func refObject(_ ref: RefCall) -> JSONValue {
        ["name": .string(ref.name), "package": .string(ref.package), "version": ref.version?.json ?? .null]
    }

    /// `DependsOn`: `{macros, nodes}`.
    func dependsOnObject(_ dependsOn: DependsOn) -> JSONValue {
        .object(JSONObjectBuilder.build { writeDependsOn(dependsOn, to: &$0) })
    }

    func writeDependsOn(_ dependsOn: DependsOn, to object: inout some JSONMemberWriter) {
        object.member("macros", strings: dependsOn.macros)
        object.member("nodes", strings: dependsOn.nodes)
    }

    /// A column or model constraint over its defaults; anything but a mapping is written as is.
    func constraint(_ shape: ConfigShape, _ value: ConfigValue) -> JSONValue {
        guard case .map(let map) = value else { return value.json }
        return .object(shape.apply(map))
    }

    /// `columns`: `ColumnInfo` by name, in declaration order (a later duplicate replaces the
    /// earlier in place, as assigning into a Python dict does).
    func columnsObject(_ columns: [ColumnInfo]) -> JSONValue {
        .object(JSONObjectBuilder.build { writeColumns(columns, to: &$0) })
    }

    func writeColumns(_ columns: [ColumnInfo], to object: inout some JSONMemberWriter) {
        var distinct = columns
        // (A closure, not `\.name`: a key path through the dynamic member is built at run time.)
        if columns.count > 1, Set(columns.map { $0.name }).count < columns.count {
            distinct = []
            var positions: [String: Int] = [:]
            for column in columns {
                if let position = positions[column.name] {
                    distinct[position] = column
                } else {
                    positions[column.name] = distinct.count
                    distinct.append(column)
                }
            }
        }
        for column in distinct {
            object.member(column.name) { info in
                info.member("name", string: column.name)
                info.member("description", string: column.description)
                info.member("meta") { $0.members(of: column.meta) }
                info.member("data_type", string: column.dataType)
                info.member("constraints", .array(
                    column.constraints.map { constraint(ConfigShape.columnConstraint, $0) }))
                info.member("quote", column.quote.map(JSONValue.bool) ?? .null)
                info.member("config") { ConfigShape.column.write(column.config, to: &$0) }
                info.member("tags", strings: column.tags)
                info.member("granularity", string: column.granularity)
                info.member("doc_blocks", strings: column.docBlocks)
            }
        }
    }
}
