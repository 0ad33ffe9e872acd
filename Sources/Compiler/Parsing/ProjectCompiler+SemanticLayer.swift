import Diagnostics
import Jinja
import ProjectModel

/// dbt's semantic layer: `semantic_models:`, `metrics:` and `saved_queries:` entries of the
/// property files, read as dbt-core's `SemanticModelParser`, `MetricParser` and
/// `SavedQueryParser` read them (every field dbt fills, with its defaults, in its order), then
/// resolved once the whole project is read (`resolveSemanticResources`).
extension ProjectCompiler {
    /// The time grains MetricFlow knows (`TimeGranularity`), smallest first.
    static let timeGranularities = [
        "nanosecond", "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year",
    ]

    func parseSemanticEntry(_ entry: YAMLNode, type: ResourceType, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        let fqn = [properties.package] + Self.directories(properties.file.path) + [name]
        let reader = SemanticEntryReader(entry: entry, properties: properties)
        var resource = SemanticResource(
            uniqueID: "\(type.rawValue).\(properties.package).\(name)", resourceType: type, name: name,
            packageName: properties.package, path: properties.file.path,
            originalFilePath: properties.file.originalFilePath, fqn: fqn, fields: ConfigMap())
        let entryConfig = try renderConfig(entry["config"], properties)
        let config = semanticConfig(type, package: properties.package, fqn: fqn, entryConfig: entryConfig)
        switch type {
        case .semanticModel:
            try readSemanticModel(&resource, reader, config: config, entryConfig: entryConfig)
        case .metric:
            let unrendered = unrenderedConfig(.metric, package: properties.package, fqn: fqn, over: [entryConfig])
            try readMetric(&resource, reader, config: config, unrendered: unrendered)
        default:
            try readSavedQuery(&resource, reader, config: config, entryConfig: entryConfig)
        }
        try add(resource, at: entry, section: type, properties)
        // dbt's `create_metric: true`: a simple metric over the measure, parsed as if written
        // beside the semantic model, its config the semantic model's `enabled` and `meta`.
        guard type == .semanticModel else { return }
        for measure in entry["measures"]?.items ?? [] where measure["create_metric"]?.scalar?.isTruthy == true {
            let measureName = measure["name"]?.string ?? ""
            let metricFQN = Array(fqn.dropLast()) + [measureName]
            let patch = ConfigMap([("enabled", .bool(resource.isEnabled)), ("meta", config["meta"] ?? [:])])
            var metric = SemanticResource(
                uniqueID: "metric.\(properties.package).\(measureName)", resourceType: .metric, name: measureName,
                packageName: properties.package, path: properties.file.path,
                originalFilePath: properties.file.originalFilePath, fqn: metricFQN, fields: ConfigMap())
            var fields = ConfigMap()
            fields["description"] =
                measure["description"] != nil
                ? .string(try renderDescription(measure["description"], properties))
                : .string("Metric created from measure \(measureName)")
            fields["label"] = measure["label"]?.scalar ?? .string(measureName)
            fields["type"] = "simple"
            let expression = measure["expr"]?.scalar.flatMap { $0.isNull ? nil : Self.pythonString($0) } ?? measureName
            fields["type_params"] = .map(metricTypeParams(
                measure: Self.inputMeasure(.string(measureName)), expr: .string(expression)))
            finishMetric(
                &metric, fields, config: semanticConfig(.metric, package: properties.package, fqn: metricFQN, entryConfig: patch),
                unrendered: unrenderedConfig(.metric, package: properties.package, fqn: metricFQN, over: [patch]),
                meta: .null, tags: [], timeGranularity: .null, filter: .null)
            try add(metric, at: measure, section: .semanticModel, properties)
        }
    }

    /// Adds a resource read from `entry` of the file's `section` (`semantic_models:` for the
    /// metrics its measures create).
    private func add(
        _ resource: SemanticResource, at entry: YAMLNode, section: ResourceType, _ properties: PropertyFile
    ) throws {
        var resource = resource
        // dbt reads a file's `metrics:`, then its `semantic_models:`, then its `saved_queries:`.
        let rank = [ResourceType.metric, .semanticModel, .savedQuery].firstIndex(of: section) ?? 0
        resource.orderInFile = rank << 40 | entry.span.start
        let id = resource.uniqueID
        if manifest.semanticResources[id] != nil || manifest.disabledSemanticResources[id] != nil {
            let kind = resource.resourceType.rawValue.split(separator: "_").joined(separator: " ")
            throw Diagnostic(
                code: "W0523", message: "dbt found two \(kind)s with the name \"\(resource.name)\"", file: properties.source,
                span: entry.span, help: "give one of them another name (the other is in \(semanticSpans[id]?.file.name ?? "another file"))")
        }
        semanticSpans[id] = (properties.source, entry.span)
        if resource.isEnabled {
            manifest.semanticResources[resource.uniqueID] = resource
        } else {
            manifest.disabledSemanticResources[resource.uniqueID] = resource
        }
    }

    /// The config of a semantic resource: the project's tree for its kind (`semantic-models:`,
    /// `metrics:`, `saved-queries:`) under the entry's `config:`, `meta` merged, shaped as dbt's
    /// `SemanticModelConfig`, `MetricConfig` or `SavedQueryConfig` (their fields first, then
    /// any other key).
    private func semanticConfig(_ type: ResourceType, package: String, fqn: [String], entryConfig: ConfigMap) -> ConfigMap {
        var merged = ConfigMap()
        let tree = self.package(named: package)?.config.configTrees[type]
        for layer in ConfigMerging.projectLayers(tree, fqn: fqn) + [entryConfig] {
            for (key, value) in layer {
                let key = ConfigMerging.canonicalKey(key)
                if key == "meta" || key == "cache", let map = value.mapValue {
                    var combined = merged[key]?.mapValue ?? ConfigMap()
                    for (innerKey, innerValue) in map { combined[innerKey] = innerValue }
                    merged[key] = .map(combined)
                } else {
                    merged[key] = value
                }
            }
        }
        var config = ConfigMap([
            ("enabled", merged["enabled"] ?? true), ("group", merged["group"] ?? .null), ("meta", merged["meta"] ?? [:]),
        ])
        if type == .savedQuery {
            config["export_as"] = merged["export_as"] ?? .null
            config["schema"] = merged["schema"] ?? .null
            var cache = ConfigMap([("enabled", false)])
            for (key, value) in merged["cache"]?.mapValue ?? ConfigMap() { cache[key] = value }
            config["cache"] = .map(cache)
        }
        for (key, value) in merged where config[key] == nil { config[key] = value }
        return config
    }

    // MARK: Semantic models

    private func readSemanticModel(
        _ resource: inout SemanticResource, _ reader: SemanticEntryReader, config: ConfigMap, entryConfig: ConfigMap
    ) throws {
        let entry = reader.entry
        let meta = config["meta"]?.mapValue ?? ConfigMap()
        /// An entity's, dimension's or measure's own `config: {meta}` over the semantic model's.
        func elementConfig(_ element: YAMLNode) -> ConfigValue {
            var merged = meta
            for (key, value) in element["config"]?["meta"]?.value.mapValue ?? ConfigMap() { merged[key] = value }
            return ["meta": .map(merged)]
        }
        var fields = ConfigMap()
        let model = entry["model"]?.string
        fields["model"] = model.map(ConfigValue.string) ?? .null
        fields["node_relation"] = .null
        fields["description"] = try reader.optionalDescription(entry["description"], self)
        fields["label"] = reader.scalar(entry, "label")
        fields["defaults"] = entry["defaults"].map { .map(ConfigMap([("agg_time_dimension", reader.scalar($0, "agg_time_dimension"))])) } ?? .null
        var entities: [ConfigValue] = []
        for entity in entry["entities"]?.items ?? [] {
            entities.append(.map(ConfigMap([
                ("name", reader.scalar(entity, "name")),
                ("type", try reader.choice(entity, "type", ["primary", "unique", "foreign", "natural"])),
                ("description", try reader.optionalDescription(entity["description"], self)),
                ("label", reader.scalar(entity, "label")), ("role", reader.scalar(entity, "role")),
                ("expr", reader.scalar(entity, "expr")), ("config", elementConfig(entity)),
            ])))
        }
        var measures: [ConfigValue] = []
        for measure in entry["measures"]?.items ?? [] {
            var aggregation: ConfigValue = .null
            if let parameters = measure["agg_params"] {
                aggregation = .map(ConfigMap([
                    ("percentile", reader.scalar(parameters, "percentile")),
                    ("use_discrete_percentile", parameters["use_discrete_percentile"]?.scalar ?? false),
                    ("use_approximate_percentile", parameters["use_approximate_percentile"]?.scalar ?? false),
                ]))
            }
            var nonAdditive: ConfigValue = .null
            if let dimension = measure["non_additive_dimension"] {
                nonAdditive = .map(ConfigMap([
                    ("name", reader.scalar(dimension, "name")),
                    ("window_choice", try reader.choice(dimension, "window_choice", Self.aggregations)),
                    ("window_groupings", dimension["window_groupings"]?.value ?? []),
                ]))
            }
            measures.append(.map(ConfigMap([
                ("name", reader.scalar(measure, "name")), ("agg", try reader.choice(measure, "agg", Self.aggregations)),
                ("description", try reader.optionalDescription(measure["description"], self)),
                ("label", reader.scalar(measure, "label")), ("create_metric", false),
                ("expr", measure["expr"]?.scalar.map { $0.isNull ? .null : .string(Self.pythonString($0)) } ?? .null),
                ("agg_params", aggregation), ("non_additive_dimension", nonAdditive),
                ("agg_time_dimension", reader.scalar(measure, "agg_time_dimension")), ("config", elementConfig(measure)),
            ])))
        }
        var dimensions: [ConfigValue] = []
        for dimension in entry["dimensions"]?.items ?? [] {
            var typeParameters: ConfigValue = .null
            if let parameters = dimension["type_params"] {
                var validity: ConfigValue = .null
                if let given = parameters["validity_params"] {
                    validity = .map(ConfigMap([
                        ("is_start", given["is_start"]?.scalar ?? false), ("is_end", given["is_end"]?.scalar ?? false),
                    ]))
                }
                typeParameters = .map(ConfigMap([
                    ("time_granularity", try reader.choice(parameters, "time_granularity", Self.timeGranularities)),
                    ("validity_params", validity),
                ]))
            }
            dimensions.append(.map(ConfigMap([
                ("name", reader.scalar(dimension, "name")),
                ("type", try reader.choice(dimension, "type", ["categorical", "time"])),
                ("description", try reader.optionalDescription(dimension["description"], self)),
                ("label", reader.scalar(dimension, "label")), ("is_partition", dimension["is_partition"]?.scalar ?? false),
                ("type_params", typeParameters), ("expr", reader.scalar(dimension, "expr")), ("metadata", .null),
                ("config", elementConfig(dimension)),
            ])))
        }
        fields["entities"] = .list(entities)
        fields["measures"] = .list(measures)
        fields["dimensions"] = .list(dimensions)
        fields["metadata"] = .null
        fields["depends_on"] = ["macros": [], "nodes": []]
        if let model, let node = entry["model"] {
            resource.modelRef = try modelReference(model, of: resource, at: node, reader.properties)
        }
        fields["refs"] = .list(resource.modelRef.map { ref in
            [.map(ConfigMap([
                ("name", .string(ref.name)), ("package", ref.package.map(ConfigValue.string) ?? .null),
                ("version", ref.version ?? .null),
            ]))]
        } ?? [])
        fields["created_at"] = .null
        fields["config"] = .map(config)
        fields["unrendered_config"] = .map(entryConfig)
        fields["primary_entity"] = reader.scalar(entry, "primary_entity")
        fields["group"] = config["group"] ?? .null
        resource.fields = fields
    }

    static let aggregations = [
        "sum", "min", "max", "count_distinct", "sum_boolean", "average", "percentile", "median", "count",
    ]

    /// The `ref()` a semantic model's `model:` makes, rendered as dbt renders it (`{{ <model> }}`).
    private func modelReference(_ text: String, of resource: SemanticResource, at node: YAMLNode, _ properties: PropertyFile) throws -> RefCall? {
        do {
            return try referenceCalls(text, for: resource.standInNode, file: properties.source).refs.first
        } catch let error as TemplateError {
            throw Diagnostic(
                code: "W0521", message: "could not read the model of semantic model '\(resource.name)': \(error.message)",
                file: properties.source, span: node.span, help: "write `model: ref('my_model')`")
        }
    }

    // MARK: Metrics

    private func readMetric(
        _ resource: inout SemanticResource, _ reader: SemanticEntryReader, config: ConfigMap, unrendered: ConfigMap
    ) throws {
        let entry = reader.entry
        guard entry["label"]?.string != nil else {
            throw reader.failure(entry, "metric '\(resource.name)' needs a 'label'", help: "add `label: My metric`")
        }
        let type = try reader.choice(entry, "type", ["simple", "ratio", "cumulative", "derived", "conversion"], lowercased: true)
        let parameters = entry["type_params"]
        var fields = ConfigMap()
        fields["description"] = .string(try renderDescription(entry["description"], reader.properties))
        fields["label"] = reader.scalar(entry, "label")
        fields["type"] = type
        var typeParameters = metricTypeParams(
            measure: parameters?["measure"].map(reader.inputMeasure) ?? .null,
            expr: parameters?["expr"]?.scalar.map { $0.isNull ? .null : .string(Self.pythonString($0)) } ?? .null)
        typeParameters["numerator"] = try parameters?["numerator"].map { try reader.metricInput($0) } ?? .null
        typeParameters["denominator"] = try parameters?["denominator"].map { try reader.metricInput($0) } ?? .null
        typeParameters["window"] = try parameters?["window"].map { try reader.window($0) } ?? .null
        if let parameters, parameters["grain_to_date"] != nil {
            typeParameters["grain_to_date"] = try reader.choice(parameters, "grain_to_date", Self.timeGranularities)
        }
        typeParameters["metrics"] = .list(try (parameters?["metrics"]?.items ?? []).map { try reader.metricInput($0) })
        if let conversion = parameters?["conversion_type_params"] {
            guard let base = conversion["base_measure"], let converted = conversion["conversion_measure"] else {
                throw reader.failure(conversion, "a conversion metric needs a 'base_measure' and a 'conversion_measure'")
            }
            typeParameters["conversion_type_params"] = .map(ConfigMap([
                ("base_measure", reader.inputMeasure(base)), ("conversion_measure", reader.inputMeasure(converted)),
                ("entity", reader.scalar(conversion, "entity")),
                ("calculation", conversion["calculation"] == nil
                    ? "conversion_rate" : try reader.choice(conversion, "calculation", ["conversions", "conversion_rate"])),
                ("window", try conversion["window"].map { try reader.window($0) } ?? .null),
                ("constant_properties", conversion["constant_properties"]?.value ?? .null),
            ]))
        }
        if type == "cumulative" {
            // dbt moves the older `type_params.window` / `grain_to_date` into
            // `cumulative_type_params` where that does not set them.
            let cumulative = parameters?["cumulative_type_params"]
            let window = cumulative?["window"] ?? parameters?["window"]
            let grain = cumulative?["grain_to_date"]?.scalar ?? parameters?["grain_to_date"]?.scalar
            var periodAggregation: ConfigValue = "first"
            if let cumulative, cumulative["period_agg"] != nil {
                periodAggregation = try reader.choice(cumulative, "period_agg", ["first", "last", "average"])
            }
            typeParameters["cumulative_type_params"] = .map(ConfigMap([
                ("window", try window.map { try reader.window($0) } ?? .null), ("grain_to_date", grain ?? .null),
                ("period_agg", periodAggregation), ("metric", .null),
            ]))
        }
        fields["type_params"] = .map(typeParameters)
        finishMetric(
            &resource, fields, config: config, unrendered: unrendered, meta: entry["meta"]?.value ?? .null,
            tags: entry["tags"]?.value.stringList ?? entry["tags"]?.string.map { [$0] } ?? [],
            timeGranularity: reader.scalar(entry, "time_granularity"), filter: reader.filter(entry["filter"]))
    }

    /// `MetricTypeParams` with its measure and expression, everything else empty.
    private func metricTypeParams(measure: ConfigValue, expr: ConfigValue) -> ConfigMap {
        ConfigMap([
            ("measure", measure), ("input_measures", []), ("numerator", .null), ("denominator", .null), ("expr", expr),
            ("window", .null), ("grain_to_date", .null), ("metrics", []), ("conversion_type_params", .null),
            ("cumulative_type_params", .null), ("metric_aggregation_params", .null),
        ])
    }

    /// A metric's fields after its type parameters: dbt's `meta` is the config's when that has
    /// one (the entry's own `meta:` otherwise).
    private func finishMetric(
        _ resource: inout SemanticResource, _ fields: ConfigMap, config: ConfigMap, unrendered: ConfigMap, meta: ConfigValue,
        tags: [String], timeGranularity: ConfigValue, filter: ConfigValue
    ) {
        var fields = fields
        fields["filter"] = filter
        fields["metadata"] = .null
        fields["time_granularity"] = timeGranularity
        let configMeta = config["meta"]?.mapValue ?? ConfigMap()
        fields["meta"] = !configMeta.isEmpty ? .map(configMeta) : (meta.isNull ? [:] : meta)
        fields["tags"] = .list(tags.map(ConfigValue.string))
        fields["config"] = .map(config)
        fields["unrendered_config"] = .map(unrendered)
        fields["sources"] = []
        fields["depends_on"] = ["macros": [], "nodes": []]
        fields["refs"] = []
        fields["metrics"] = []
        fields["created_at"] = .null
        fields["group"] = config["group"] ?? .null
        resource.fields = fields
    }

    /// `MetricInputMeasure` of a measure's name.
    static func inputMeasure(_ name: ConfigValue) -> ConfigValue {
        .map(ConfigMap([("name", name), ("filter", .null), ("alias", .null), ("join_to_timespine", false), ("fill_nulls_with", .null)]))
    }

    // MARK: Saved queries

    private func readSavedQuery(
        _ resource: inout SemanticResource, _ reader: SemanticEntryReader, config: ConfigMap, entryConfig: ConfigMap
    ) throws {
        let entry = reader.entry
        var fields = ConfigMap()
        let query = entry["query_params"]
        fields["query_params"] = .map(ConfigMap([
            ("metrics", query?["metrics"]?.value ?? []), ("group_by", query?["group_by"]?.value ?? []),
            ("where", reader.filter(query?["where"])), ("order_by", query?["order_by"]?.value ?? []),
            ("limit", query?["limit"]?.scalar ?? .null),
        ]))
        var exports: [ConfigValue] = []
        for export in entry["exports"]?.items ?? [] {
            let name = export["name"]?.string ?? ""
            let written = export["config"]?.value.mapValue ?? ConfigMap()
            // dbt's `_get_export_config`: the saved query's config under the export's own.
            var combined = config
            for (key, value) in written { combined[key] = value }
            guard let exportAs = combined["export_as"], !exportAs.isNull else {
                throw reader.failure(export, "export '\(name)' of saved query '\(resource.name)' needs an 'export_as' (table or view)",
                    help: "add `config: {export_as: table}` to the export or the saved query")
            }
            let names = try exportNames(name, package: resource.packageName)
            /// A key of the combined config that holds a value (null is none).
            func given(_ key: String) -> ConfigValue? { combined[key].flatMap { $0.isNull ? Optional.none : $0 } }
            exports.append(.map(ConfigMap([
                ("name", .string(name)),
                ("config", .map(ConfigMap([
                    ("export_as", exportAs),
                    ("schema_name", given("schema_name") ?? given("schema") ?? .string(names.schema)),
                    ("alias", given("alias") ?? .string(names.alias)),
                    ("database", .string(names.database)),
                ]))),
                ("unrendered_config", .map(written)),
            ])))
        }
        fields["exports"] = .list(exports)
        fields["description"] = try reader.optionalDescription(entry["description"], self)
        fields["label"] = reader.scalar(entry, "label")
        fields["metadata"] = .null
        fields["config"] = .map(config)
        fields["unrendered_config"] = .map(entryConfig)
        fields["group"] = config["group"] ?? .null
        fields["depends_on"] = ["macros": [], "nodes": []]
        fields["created_at"] = .null
        fields["refs"] = []
        let entryTags = entry["tags"]?.value.stringList ?? entry["tags"]?.string.map { [$0] } ?? []
        let configTags = config["tags"]?.stringList ?? config["tags"]?.stringValue.map { [$0] } ?? []
        fields["tags"] = .list(Set(entryTags + configTags).sorted().map(ConfigValue.string))
        resource.fields = fields
    }

    /// An export's relation, named as a node of its name would be by `generate_*_name` (no
    /// custom schema or alias: dbt names the export before applying its config).
    private func exportNames(_ name: String, package: String) throws -> (database: String, schema: String, alias: String) {
        let stand = ManifestNode(
            uniqueID: "saved_query.\(package).\(name)", resourceType: .savedQuery, packageName: package, name: name,
            path: "", originalFilePath: "", fqn: [package, name], rawCode: "", checksum: FileChecksum(checksum: ""))
        let macros = nameMacros(package)
        let context = { self.context(for: NodeRenderState(node: stand, phase: .parse)) }
        func generated(_ component: String) throws -> String? {
            try generateName(component, macro: macros[component], custom: nil, node: stand, context: context)
        }
        return (try generated("database") ?? target.database, try generated("schema") ?? target.schema, try generated("alias") ?? name)
    }

    /// Python's `str()` of a YAML scalar (dbt's `str(expr)`: `1`, `True`, `0.5`).
    static func pythonString(_ value: ConfigValue) -> String {
        value.stringValue ?? value.jinjaValue.pyStr
    }
}

/// Reads the fields of one semantic-layer entry, with errors that point into its file.
struct SemanticEntryReader {
    let entry: YAMLNode
    let properties: PropertyFile

    func scalar(_ node: YAMLNode, _ key: String) -> ConfigValue {
        node[key]?.scalar ?? .null
    }

    func failure(_ node: YAMLNode, _ message: String, help: String? = nil) -> Diagnostic {
        Diagnostic(code: "W0520", message: message, file: properties.source, span: node.span, help: help)
    }

    /// One of the values MetricFlow accepts for `key` (dbt refuses others while parsing).
    func choice(_ node: YAMLNode, _ key: String, _ allowed: [String], lowercased: Bool = false) throws -> ConfigValue {
        guard let value = node[key], let text = value.string else {
            throw failure(node, "'\(key)' is required here: one of \(allowed.joined(separator: ", "))")
        }
        let given = lowercased ? text.lowercased() : text
        guard allowed.contains(given) else {
            throw failure(value, "'\(text)' is not a valid \(key): use one of \(allowed.joined(separator: ", "))")
        }
        return .string(given)
    }

    /// A description rendered with `doc()`, or null when there is none.
    func optionalDescription(_ node: YAMLNode?, _ compiler: ProjectCompiler) throws -> ConfigValue {
        guard let node else { return .null }
        if node.scalar?.isNull == true { return .null }
        return .string(try compiler.renderDescription(node, properties))
    }

    /// dbt's `WhereFilterIntersection` of a `filter:` or `where:` (one template or a list),
    /// its Jinja kept for MetricFlow to render.
    func filter(_ node: YAMLNode?) -> ConfigValue {
        guard let node, node.scalar?.isNull != true else { return .null }
        let templates = node.items?.map(\.value) ?? [node.value]
        return ["where_filters": .list(templates.map { ["where_sql_template": $0] })]
    }

    /// `MetricInputMeasure`: a measure's name, or a mapping with its options.
    func inputMeasure(_ node: YAMLNode) -> ConfigValue {
        guard node.isMapping else { return ProjectCompiler.inputMeasure(node.scalar ?? .null) }
        return .map(ConfigMap([
            ("name", scalar(node, "name")), ("filter", filter(node["filter"])), ("alias", scalar(node, "alias")),
            ("join_to_timespine", node["join_to_timespine"]?.scalar ?? false), ("fill_nulls_with", scalar(node, "fill_nulls_with")),
        ]))
    }

    /// `MetricInput`: a metric's name, or a mapping with its options.
    func metricInput(_ node: YAMLNode) throws -> ConfigValue {
        guard node.isMapping else {
            return .map(ConfigMap([
                ("name", node.scalar ?? .null), ("filter", .null), ("alias", .null), ("offset_window", .null), ("offset_to_grain", .null),
            ]))
        }
        return .map(ConfigMap([
            ("name", scalar(node, "name")), ("filter", filter(node["filter"])), ("alias", scalar(node, "alias")),
            ("offset_window", try node["offset_window"].map { try window($0) } ?? .null),
            ("offset_to_grain", scalar(node, "offset_to_grain")),
        ]))
    }

    /// dbt's `MetricTimeWindow` of `<count> <granularity>` (`7 days`: a standard grain's plural
    /// loses its `s`).
    func window(_ node: YAMLNode) throws -> ConfigValue {
        let text = node.string ?? ""
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw failure(
                node, "Invalid window (\(text)) in cumulative/conversion metric. Should be of the form `<count> <granularity>`, e.g., `28 days`")
        }
        var granularity = String(parts[1])
        if granularity.hasSuffix("s"), ProjectCompiler.timeGranularities.contains(String(granularity.dropLast())) {
            granularity.removeLast()
        }
        guard let count = Int(parts[0]), parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber) else {
            throw failure(node, "Invalid count (\(parts[0])) in cumulative/conversion metric window string: (\(text))")
        }
        return .map(ConfigMap([("count", .int(count)), ("granularity", .string(granularity))]))
    }
}

// MARK: Resolving

extension SemanticResource {
    /// A node standing for the resource where the dbt context and ref resolution expect one.
    var standInNode: ManifestNode {
        ManifestNode(
            uniqueID: uniqueID, resourceType: resourceType, packageName: packageName, name: name, path: path,
            originalFilePath: originalFilePath, fqn: fqn, rawCode: "", checksum: FileChecksum(checksum: ""))
    }
}

extension ProjectCompiler {
    /// dbt's `update_semantic_model`, `process_metrics` and `process_saved_queries`: a semantic
    /// model's model and relation, a metric's input measures and what it depends on, a saved
    /// query's metrics. Runs once every node is named and resolved.
    func resolveSemanticResources() throws {
        let ids = manifest.semanticResources.keys.sorted()
        for id in ids {
            guard var resource = manifest.semanticResources[id], resource.resourceType == .semanticModel,
                let ref = resource.modelRef
            else { continue }
            let model: ManifestNode
            do {
                model = try resolveRef(ref, from: resource.standInNode)
            } catch let failure as RuntimeFailure {
                throw semanticFailure(id, failure.message, help: "check the semantic model's `model:`")
            }
            resource.dependsOnNodes = [model.uniqueID]
            resource.fields["node_relation"] = .map(ConfigMap([
                ("alias", .string(model.alias)), ("schema_name", .string(model.schema)), ("database", model.database.map(ConfigValue.string) ?? .null),
                ("relation_name", model.relationName.map(ConfigValue.string) ?? .null),
            ]))
            manifest.semanticResources[id] = resource
        }
        var resolver = MetricResolver(manifest: manifest)
        for id in ids where manifest.semanticResources[id]?.resourceType == .metric {
            do {
                _ = try resolver.inputMeasures(of: id)
            } catch let failure as MetricResolver.Failure {
                throw semanticFailure(failure.id, failure.message)
            }
        }
        for (id, metric) in resolver.resolved { manifest.semanticResources[id] = metric }
        for id in ids {
            guard var query = manifest.semanticResources[id], query.resourceType == .savedQuery else { continue }
            var dependencies: [String] = []
            for name in query.fields["query_params"]?.mapValue?["metrics"]?.stringList ?? [] {
                guard let metric = resolver.metric(named: name, from: query.packageName) else {
                    throw semanticFailure(
                        id, "Saved query '\(query.name)' depends on a metric named '\(name)' which was not found",
                        help: "check the names under `query_params: metrics:`")
                }
                if !dependencies.contains(metric.uniqueID) { dependencies.append(metric.uniqueID) }
            }
            query.dependsOnNodes = dependencies
            manifest.semanticResources[id] = query
        }
        if let semanticModel = ids.first(where: { manifest.semanticResources[$0]?.resourceType == .semanticModel }) {
            try requireDailyTimeSpine(for: semanticModel)
            if manifest.semanticResources.values.contains(where: { $0.resourceType == .metric }) {
                try validateSemanticLayer()
            }
        }
    }

    /// dbt-semantic-interfaces' validations, which dbt runs when a project has semantic models
    /// and metrics: warnings are reported, and any error stops the parse with every error found.
    private func validateSemanticLayer() throws {
        let validation = SemanticValidation(SemanticLayerModel(manifest))
        func place(_ issue: SemanticValidation.Issue) -> (file: SourceFile?, span: SourceSpan?) {
            let place = issue.resource.flatMap { semanticSpans[$0] }
            return (place?.file, place?.span)
        }
        for issue in validation.warnings {
            let (file, span) = place(issue)
            warn(Diagnostic(.warning, code: "W0528", message: issue.message, file: file, span: span))
        }
        guard let first = validation.errors.first else { return }
        let (file, span) = place(first)
        throw Diagnostic(
            code: "W0527", message: "Semantic Manifest validation failed: \(first.message)", file: file, span: span,
            notes: validation.errors.dropFirst().map { issue in
                let (file, span) = place(issue)
                return Diagnostic.Note(issue.message, file: file, span: span)
            },
            help: validation.errors.count == 1
                ? "correct the semantic layer's YAML (dbt-semantic-interfaces' validations)"
                : "correct the semantic layer's YAML: \(validation.errors.count) problems (dbt-semantic-interfaces' validations)")
    }

    /// dbt refuses a semantic layer without a time spine of a day or a finer grain: one
    /// configured with `time_spine:`, or the legacy `metricflow_time_spine` model (daily).
    private func requireDailyTimeSpine(for semanticModel: String) throws {
        var grains = manifest.timeSpineModels.compactMap { $0.timeSpineColumn?.granularity?.lowercased() }
        if manifest.legacyTimeSpine != nil { grains.append("day") }
        let finest = grains.compactMap { Self.timeGranularities.firstIndex(of: $0) }.min()
        guard let day = Self.timeGranularities.firstIndex(of: "day"), finest.map({ $0 > day }) ?? true else { return }
        let place = semanticSpans[semanticModel]
        throw Diagnostic(
            code: "W0526",
            message: "The semantic layer requires a time spine model with granularity DAY or smaller in the project, "
                + "but none was found. Guidance on creating this model can be found on our docs site "
                + "(https://docs.getdbt.com/docs/build/metricflow-time-spine).",
            file: place?.file, span: place?.span,
            help: "add a model with `time_spine: {standard_granularity_column: ...}` whose column has `granularity: day`")
    }

    private func semanticFailure(_ id: String, _ message: String, help: String? = nil) -> Diagnostic {
        let place = semanticSpans[id]
        return Diagnostic(code: "W0522", message: message, file: place?.file, span: place?.span, help: help)
    }
}

/// dbt's `_process_metric_node`: a metric's `input_measures` (its own measures, or those of the
/// metrics it is derived from, each once) and `depends_on` (the semantic models of its measures,
/// or those metrics).
struct MetricResolver {
    struct Failure: Error {
        let id: String
        let message: String
    }

    private let manifest: Manifest
    /// Metrics with their input measures worked out, by unique id.
    private(set) var resolved: [String: SemanticResource] = [:]
    private var visiting: Set<String> = []
    /// The first enabled semantic model (in id order) with a measure of each name, and the
    /// disabled ones likewise.
    private let measureOwners: [String: String]
    private let disabledMeasureOwners: [String: String]

    init(manifest: Manifest) {
        self.manifest = manifest
        func owners(_ resources: [String: SemanticResource]) -> [String: String] {
            var owners: [String: String] = [:]
            for id in resources.keys.sorted() where resources[id]?.resourceType == .semanticModel {
                for measure in resources[id]?.elements("measures") ?? [] {
                    if let name = measure["name"]?.stringValue, owners[name] == nil { owners[name] = id }
                }
            }
            return owners
        }
        measureOwners = owners(manifest.semanticResources)
        disabledMeasureOwners = owners(manifest.disabledSemanticResources)
    }

    /// An enabled metric by name, its own package's first.
    func metric(named name: String, from package: String) -> SemanticResource? {
        manifest.semanticResources["metric.\(package).\(name)"]
            ?? manifest.semanticResources.values.filter { $0.resourceType == .metric && $0.name == name }
            .min { $0.uniqueID < $1.uniqueID }
    }

    mutating func inputMeasures(of id: String) throws -> [ConfigValue] {
        if let done = resolved[id] { return Self.inputMeasures(done) }
        guard var metric = manifest.semanticResources[id] else { return [] }
        guard visiting.insert(id).inserted else {
            throw Failure(id: id, message: "The metric `\(metric.name)` depends on itself through the metrics it is derived from.")
        }
        defer { visiting.remove(id) }
        var parameters = metric.fields["type_params"]?.mapValue ?? ConfigMap()
        var measures: [ConfigValue] = []
        var dependencies: [String] = []
        func add(_ measure: ConfigValue) {
            if !measures.contains(measure) { measures.append(measure) }
        }
        func depend(on id: String) {
            if !dependencies.contains(id) { dependencies.append(id) }
        }
        func measureOwner(_ measure: ConfigValue) throws -> String {
            let name = measure.mapValue?["name"]?.stringValue ?? ""
            if let owner = measureOwners[name] { return owner }
            if let disabled = disabledMeasureOwners[name], let model = manifest.disabledSemanticResources[disabled] {
                throw Failure(id: id, message: "The measure `\(name)` is referenced on disabled semantic model `\(model.name)`.")
            }
            throw Failure(id: id, message: "A semantic model having a measure `\(name)` does not exist but was referenced.")
        }
        switch metric.fields["type"]?.stringValue {
        case "simple", "cumulative":
            guard let measure = parameters["measure"], !measure.isNull else {
                throw Failure(id: id, message: "The \(metric.fields["type"]?.stringValue ?? "") metric `\(metric.name)` needs a `type_params: measure:`.")
            }
            add(measure)
        case "conversion":
            let conversion = parameters["conversion_type_params"]?.mapValue ?? ConfigMap()
            guard let base = conversion["base_measure"], let converted = conversion["conversion_measure"] else {
                throw Failure(id: id, message: "The conversion metric `\(metric.name)` needs `conversion_type_params`.")
            }
            add(base)
            add(converted)
        default:
            var inputs = parameters["metrics"]?.listValue ?? []
            if metric.fields["type"]?.stringValue == "ratio" {
                guard let numerator = parameters["numerator"], let denominator = parameters["denominator"],
                    !numerator.isNull, !denominator.isNull
                else {
                    throw Failure(id: id, message: "Invalid ratio metric. Both a numerator and denominator must be specified")
                }
                inputs = [numerator, denominator]
            }
            for input in inputs {
                let name = input.mapValue?["name"]?.stringValue ?? ""
                guard let target = self.metric(named: name, from: metric.packageName) else {
                    let disabled = manifest.disabledSemanticResources.values.contains { $0.resourceType == .metric && $0.name == name }
                    throw Failure(id: id, message: disabled
                        ? "The metric `\(name)` is disabled and thus cannot be referenced."
                        : "The metric `\(name)` does not exist but was referenced by metric `\(metric.name)`.")
                }
                try inputMeasures(of: target.uniqueID).forEach(add)
                depend(on: target.uniqueID)
            }
        }
        if dependencies.isEmpty {
            for measure in measures { depend(on: try measureOwner(measure)) }
        }
        parameters["input_measures"] = .list(measures)
        metric.fields["type_params"] = .map(parameters)
        metric.dependsOnNodes = dependencies
        resolved[id] = metric
        return measures
    }

    private static func inputMeasures(_ metric: SemanticResource) -> [ConfigValue] {
        metric.fields["type_params"]?.mapValue?["input_measures"]?.listValue ?? []
    }
}
