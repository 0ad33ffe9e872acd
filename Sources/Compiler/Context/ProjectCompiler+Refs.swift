import Jinja
import ProjectModel
import SQLDialect

extension ProjectCompiler {
    /// The relation a node builds (or, for an ephemeral model, its CTE name), quoted as the root
    /// project's `quoting:` says (dbt's `create_from`: the adapter's policy, then the project's).
    func relation(for node: ManifestNode) -> RelationValue {
        let relation = RelationValue(
            database: node.database, schema: node.schema, identifier: node.alias,
            type: Self.relationType(node.materialized), dialect: dialect)
        if node.isEphemeral { relation.cteName = "__dbt__cte__\(node.alias)" }
        relation.applyQuoting(root.config.quoting)
        return relation
    }

    /// `node`'s relation where the earlier manifest built it (`--defer`), quoted as its own.
    func deferred(_ node: ManifestNode, to earlier: RelationName) -> RelationValue {
        let relation = RelationValue(
            database: earlier.database, schema: earlier.schema, identifier: earlier.identifier,
            type: Self.relationType(node.materialized), dialect: dialect)
        relation.applyQuoting(root.config.quoting)
        return relation
    }

    /// A unit test's input, as the CTE standing in for a relation.
    func cteRelation(_ name: String) -> Value {
        let relation = RelationValue(database: nil, schema: nil, identifier: name, type: "cte", dialect: dialect)
        relation.cteName = name
        return .object(relation)
    }

    static func relationType(_ materialized: String) -> String? {
        switch materialized {
        case "view": return "view"
        case "table", "incremental", "seed", "snapshot": return "table"
        case "materialized_view": return "materialized_view"
        case "ephemeral": return "cte"
        default: return nil
        }
    }

    /// A source table's relation as `source()` gives it: quoted as the source's `quoting:` says,
    /// over the adapter's policy. dbt leaves the project's `quoting:` out on purpose there, yet
    /// puts it beneath the source's in the manifest's `relation_name` (`projectQuoting`).
    func relation(for source: SourceDefinition, projectQuoting: ConfigMap = ConfigMap()) -> RelationValue {
        let relation = RelationValue(
            database: source.database, schema: source.schema, identifier: source.identifier, type: "table", dialect: dialect)
        relation.applyQuoting(projectQuoting)
        relation.applyQuoting(source.quoting)
        return relation
    }

    func refFunction(_ state: NodeRenderState) -> Value {
        .function("ref") { arguments, _ in
            let call = try Self.refCall(arguments)
            switch state.phase {
            case .parse:
                state.refs.append(call)
                return .object(self.relation(for: state.node))
            case .compile:
                return try self.compiledRef(call, state)
            }
        }
    }

    /// What `ref(...)` gives a node compiling: the relation it refers to.
    func compiledRef(_ call: RefCall, _ state: NodeRenderState) throws -> Value {
        let target = try resolveRef(call, from: state.node)
        if let unit = state.unitTest {
            guard let name = unit.use(target.uniqueID) else { throw unit.notFound("node", call.name) }
            return cteRelation(name)
        }
        guard state.node.dependsOn.nodes.contains(target.uniqueID) || state.node.resourceType == .operation else {
            throw RuntimeFailure.raised(
                "dbt was unable to infer all dependencies for the model \"\(state.node.name)\". This typically happens when ref() is placed within a conditional block.\n\nTo fix this, add the following hint to the top of the model \"\(state.node.name)\":\n\n-- depends_on: {{ \(call.description) }}")
        }
        if target.isEphemeral, !state.ephemeralRefs.contains(target.uniqueID) {
            state.ephemeralRefs.append(target.uniqueID)
        }
        let relation = deferral?.relation(for: target).map { deferred(target, to: $0) } ?? relation(for: target)
        if !target.isEphemeral { relation.eventTimeFilter = batchFilter(state, eventTime: target.config["event_time"]) }
        if options.empty { relation.limit = 0 }
        return .object(relation)
    }

    static func refCall(_ arguments: Arguments) throws -> RefCall {
        let strings = arguments.positional
        var version: ConfigValue?
        for (name, value) in arguments.keywords {
            if name == "version" || name == "v" {
                if !value.isNone { version = ConfigValue(value) }
            } else {
                throw RuntimeFailure.type("ref() got an unexpected keyword argument '\(name)'")
            }
        }
        for argument in strings where argument.stringValue == nil {
            throw RuntimeFailure.raised("The name argument to ref() must be a string, got \(argument.typeName)")
        }
        switch strings.count {
        case 1: return RefCall(name: strings[0].pyStr, version: version)
        case 2: return RefCall(package: strings[0].pyStr, name: strings[1].pyStr, version: version)
        default:
            throw RuntimeFailure.raised("ref() takes at most two arguments (\(strings.count) given)")
        }
    }

    func sourceFunction(_ state: NodeRenderState) -> Value {
        .function("source") { arguments, _ in
            guard arguments.positional.count == 2, let sourceName = arguments.positional[0].stringValue,
                let tableName = arguments.positional[1].stringValue
            else {
                throw RuntimeFailure.raised(
                    "source() takes exactly two arguments (\(arguments.positional.count) given)")
            }
            let call = SourceCall(sourceName: sourceName, tableName: tableName)
            switch state.phase {
            case .parse:
                state.sources.append(call)
                return .object(self.relation(for: state.node))
            case .compile:
                return try self.compiledSource(call, state)
            }
        }
    }

    /// What `source(...)` gives a node compiling: the source table's relation.
    func compiledSource(_ call: SourceCall, _ state: NodeRenderState) throws -> Value {
        let source = try resolveSource(call, from: state.node)
        if let unit = state.unitTest {
            guard let name = unit.use(source.uniqueID) else { throw unit.notFound("source", "\(call.sourceName).\(call.tableName)") }
            return cteRelation(name)
        }
        let relation = relation(for: source)
        relation.eventTimeFilter = batchFilter(state, eventTime: source.config["event_time"])
        if options.empty { relation.limit = 0 }
        return .object(relation)
    }

    /// The filter an upstream relation with an `event_time` gets inside a microbatch batch.
    func batchFilter(_ state: NodeRenderState, eventTime: ConfigValue?) -> String? {
        guard let column = eventTime?.stringValue, !column.isEmpty else { return nil }
        // dbt's `resolve_event_time_filter`: `--sample` for models and snapshots, within the batch.
        if let sample = options.sample, state.node.resourceType == .model || state.node.resourceType == .snapshot {
            guard let batch = state.batch else { return dialect.eventTimeRange(column, from: sample.start, to: sample.end) }
            return dialect.eventTimeRange(column, from: max(sample.start, batch.start), to: min(sample.end, batch.end))
        }
        guard let batch = state.batch else { return nil }
        return dialect.eventTimeRange(column, from: batch.start, to: batch.end)
    }

    /// dbt's `resolve_ref`: a package-qualified name in that package; otherwise the node's own
    /// package first, then the root project, then any package; versions by number or latest.
    func resolveRef(_ call: RefCall, from node: ManifestNode) throws -> ManifestNode {
        // Most refs name one unversioned model: it is the answer, with no candidate lists made.
        if call.version == nil, call.package == nil, let ids = refableByName[call.name], ids.count == 1,
            let only = manifest.nodes[ids[0]], only.version == nil
        {
            return only
        }
        let candidates = (refableByName[call.name] ?? []).compactMap { manifest.nodes[$0] }
        func matchesVersion(_ candidate: ManifestNode) -> Bool {
            guard let wanted = call.version else {
                // An unversioned ref means the latest version (or the unversioned model).
                return candidate.version == nil || candidate.version == candidate.latestVersion
            }
            return candidate.version.map { versionText($0) } == versionText(wanted)
        }
        let matching = candidates.filter(matchesVersion)
        var found: ManifestNode?
        if let package = call.package {
            found = matching.first { $0.packageName == package }
        } else {
            found =
                matching.first { $0.packageName == node.packageName }
                ?? matching.first { $0.packageName == root.config.name } ?? matching.first
        }
        if let found { return found }
        let display = call.package.map { "\($0).\(call.name)" } ?? call.name
        let names = Array(refableByName.keys)
        let message = CompilerDiagnostics.unknownRef(
            call.version.map { "\(display) (version \(versionText($0)))" } ?? display,
            from: "\(node.resourceType.rawValue.capitalized) '\(node.uniqueID)' (\(node.originalFilePath))",
            suggestions: suggestions(for: call.name, among: names), disabled: disabledNames.contains(call.name))
        throw RuntimeFailure.raised(message)
    }

    func resolveSource(_ call: SourceCall, from node: ManifestNode) throws -> SourceDefinition {
        if let id = sourceByName["\(call.sourceName).\(call.tableName)"], let source = manifest.sources[id] {
            return source
        }
        let known = Array(sourceByName.keys)
        var message =
            "\(node.resourceType.rawValue.capitalized) '\(node.uniqueID)' (\(node.originalFilePath)) depends on a source named '\(call.sourceName).\(call.tableName)' which was not found"
        if let suggestion = suggestions(for: "\(call.sourceName).\(call.tableName)", among: known).first {
            message += " (did you mean '\(suggestion)'?)"
        }
        throw RuntimeFailure.raised(message)
    }

    /// Makes `graph` follow the manifest as it is now (built when a render next reads it).
    func refreshGraph() {
        graph = GraphObject { [unowned self] member in graphMember(member) }
    }

    /// A member of `graph`: the manifest's nodes or sources as dicts by unique id (the others empty).
    func graphMember(_ name: String) -> Value {
        switch name {
        case "nodes":
            return .dict(manifest.nodes.keys.sorted().compactMap { id in
                manifest.nodes[id].map { (id, Value.object(NodeObject($0, readMarker: graphNodesRead, keepsNone: true))) }
            })
        case "sources":
            return .dict(manifest.sources.keys.sorted().compactMap { id -> (String, Value)? in
                guard let source = manifest.sources[id] else { return nil }
                return (id, sourceValue(source))
            })
        case "exposures":
            return .dict(manifest.exposures.keys.sorted().compactMap { id in manifest.exposures[id].map { (id, exposureValue($0)) } })
        case "groups":
            return .dict(manifest.groups.keys.sorted().compactMap { id in
                manifest.groups[id].map { group in
                    (id, Value.dict([
                        ("name", .string(group.name)), ("resource_type", .string("group")),
                        ("package_name", .string(group.packageName)), ("path", .string(group.path)),
                        ("original_file_path", .string(group.originalFilePath)), ("unique_id", .string(group.uniqueID)),
                        ("owner", group.owner.jinjaValue), ("description", group.description.map(Value.string) ?? .none),
                        ("config", group.config.jinjaValue),
                    ]))
                }
            })
        default:
            return .dict([])
        }
    }

    /// An exposure as `graph.exposures` holds it: its manifest entry.
    func exposureValue(_ exposure: Exposure) -> Value {
        var config = exposure.config
        for (key, value) in [("enabled", ConfigValue.bool(true)), ("tags", .list([])), ("meta", .map(ConfigMap()))]
        where config[key] == nil {
            config[key] = value
        }
        func optional(_ text: String?) -> Value { text.map(Value.string) ?? .none }
        return .dict([
            ("name", .string(exposure.name)), ("resource_type", .string("exposure")),
            ("package_name", .string(exposure.packageName)), ("path", .string(exposure.path)),
            ("original_file_path", .string(exposure.originalFilePath)), ("unique_id", .string(exposure.uniqueID)),
            ("fqn", .list(exposure.fqn.map(Value.string))), ("type", .string(exposure.type)),
            ("owner", .dict([("email", optional(exposure.ownerEmail)), ("name", optional(exposure.ownerName))])),
            ("description", .string(exposure.description)), ("label", optional(exposure.label)),
            ("maturity", optional(exposure.maturity)), ("meta", exposure.meta.jinjaValue),
            ("tags", .list(exposure.tags.map(Value.string))), ("config", config.jinjaValue),
            ("unrendered_config", exposure.unrenderedConfig.jinjaValue), ("url", optional(exposure.url)),
            ("depends_on", NodeObject.dependsOnValue(exposure.dependsOn)), ("refs", NodeObject.refsValue(exposure.refs)),
            ("sources", NodeObject.sourcesValue(exposure.sources)),
            ("metrics", .list([])),
        ])
    }

    /// A source as `graph.sources` holds it: its manifest entry, as dbt's `to_dict` gives it
    /// (thresholds and config keys present, `None` where unset).
    func sourceValue(_ source: SourceDefinition) -> Value {
        var config = source.config
        for (key, value) in [("enabled", ConfigValue.bool(true)), ("event_time", .null), ("loaded_at_field", .null),
            ("loaded_at_query", .null), ("meta", .map(ConfigMap())), ("tags", .list([]))] where config[key] == nil {
            config[key] = value
        }
        config["freshness"] = Self.freshnessThreshold(config["freshness"] ?? .null)
        let freshness = source.freshness.mapValue != nil ? Self.freshnessThreshold(source.freshness) : config["freshness"] ?? .null
        var quoting = ConfigMap()
        for key in ["database", "schema", "identifier", "column"] { quoting[key] = source.quoting[key] ?? .null }
        return .dict([
            ("database", source.database.map(Value.string) ?? .none), ("schema", .string(source.schema)),
            ("name", .string(source.name)), ("resource_type", .string("source")),
            ("package_name", .string(source.packageName)), ("path", .string(source.path)),
            ("original_file_path", .string(source.originalFilePath)), ("unique_id", .string(source.uniqueID)),
            ("fqn", .list(source.fqn.map(Value.string))), ("source_name", .string(source.sourceName)),
            ("source_description", .string(source.sourceDescription)), ("loader", .string(source.loader)),
            ("identifier", .string(source.identifier)), ("quoting", quoting.jinjaValue),
            ("loaded_at_field", source.loadedAtField.map(Value.string) ?? .none),
            ("loaded_at_query", source.loadedAtQuery.map(Value.string) ?? .none),
            ("freshness", freshness.jinjaValue), ("external", source.external.jinjaValue),
            ("description", .string(source.description)),
            ("columns", .dict(source.columns.map { ($0.name, NodeObject.columnValue($0)) })),
            ("meta", source.meta.jinjaValue), ("source_meta", source.sourceMeta.jinjaValue),
            ("tags", .list(source.tags.map(Value.string))), ("config", config.jinjaValue), ("patch_path", .none),
            ("unrendered_config", source.unrenderedConfig.jinjaValue),
            ("relation_name", source.relationName.map(Value.string) ?? .none),
        ])
    }

    /// dbt's `FreshnessThreshold` of a `freshness:` mapping: both thresholds present (their
    /// `count` and `period` None when unset) and `filter`; anything else stays as it is (None).
    static func freshnessThreshold(_ value: ConfigValue) -> ConfigValue {
        guard let freshness = value.mapValue else { return value }
        func time(_ key: String) -> ConfigValue {
            let given = freshness[key]?.mapValue ?? ConfigMap()
            return .map(ConfigMap([("count", given["count"] ?? .null), ("period", given["period"] ?? .null)]))
        }
        return .map(ConfigMap([("warn_after", time("warn_after")), ("error_after", time("error_after")),
            ("filter", freshness["filter"] ?? .null)]))
    }
}

/// `api.Relation.create(...)` and `api.Column`.
final class APIObject: JinjaObject {
    let dialect: SQLDialect
    /// The root project's `quoting:`, beneath a `create`'s own `quote_policy` (dbt's
    /// `RelationProxy` merges them so).
    let quoting: ConfigMap

    init(dialect: SQLDialect, quoting: ConfigMap) {
        self.dialect = dialect
        self.quoting = quoting
    }

    var typeName: String { "dict" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "Relation":
            let (dialect, quoting) = (self.dialect, self.quoting)
            return .dict([
                ("create", .function("create") { arguments, _ in
                    let bound = try arguments.bind(
                        ["database", "schema", "identifier", "type", "quote_policy", "include_policy"],
                        defaults: [
                            "database": .none, "schema": .none, "identifier": .none, "type": .none, "quote_policy": .none,
                            "include_policy": .none,
                        ],
                        function: "create", acceptsExtraKeywords: true)
                    let relation = RelationValue(
                        database: bound["database"].stringValue, schema: bound["schema"].stringValue,
                        identifier: bound["identifier"].stringValue, type: bound["type"].stringValue, dialect: dialect)
                    relation.applyQuoting(quoting)
                    relation.applyQuoting(ConfigValue(bound["quote_policy"]).mapValue ?? ConfigMap())
                    relation.includePolicy = RelationValue.policy(
                        relation.includePolicy, overriddenBy: ConfigValue(bound["include_policy"]).mapValue ?? ConfigMap())
                    return .object(relation)
                })
            ])
        case "Column": return ColumnValue.classObject
        default: return nil
        }
    }
}
