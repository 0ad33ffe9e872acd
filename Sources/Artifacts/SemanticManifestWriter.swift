import ProjectModel

/// `target/semantic_manifest.json`: what MetricFlow (and the dbt Semantic Layer) reads of a
/// project, which dbt writes beside every manifest (an empty one without a semantic layer).
///
/// dbt builds it by parsing each semantic model, metric and saved query of the manifest into
/// dbt-semantic-interfaces' pydantic classes and printing those: each class keeps its own fields,
/// in its own order, with its defaults for what is missing. `PydanticShape` describes those
/// classes, so the file is the manifest's entries passed through the same filter. The project's
/// time spines (models with `time_spine:`, or the legacy `metricflow_time_spine` model) go in
/// `project_configuration`.
public struct SemanticManifestWriter {
    /// dbt-semantic-interfaces' version, which dbt records in the file.
    static let interfacesVersion: JSONValue = ["major_version": "0", "minor_version": "9", "patch_version": "0"]

    public init() {}

    public func write(_ manifest: Manifest) -> [UInt8] {
        let resources = manifest.semanticResourcesInReadingOrder
        func section(_ type: ResourceType, _ shape: PydanticShape) -> JSONValue {
            .array(resources.filter { $0.resourceType == type }.map { shape.apply(to: Self.entry($0)) })
        }
        let semanticModels = section(.semanticModel, .semanticModel)
        var legacy: [JSONValue] = []
        if resources.contains(where: { $0.resourceType == .semanticModel }),
            let model = manifest.legacyTimeSpine, model.timeSpine == nil {
            legacy = [["location": .string(model.relationName), "column_name": "date_day", "grain": "day"]]
        }
        let configuration: JSONValue = [
            "time_spine_table_configurations": .array(legacy), "metadata": .null,
            "dsi_package_version": Self.interfacesVersion, "time_spines": .array(Self.timeSpines(manifest)),
        ]
        let document: JSONValue = [
            "semantic_models": semanticModels, "metrics": section(.metric, .metric),
            "project_configuration": configuration, "saved_queries": section(.savedQuery, .savedQuery),
        ]
        return document.serializedBytes()
    }

    /// The manifest entry a pydantic class parses: `name` and the resource's fields.
    private static func entry(_ resource: SemanticResource) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(resource.name)
        for (key, value) in resource.fields { object[key] = value.json }
        return .object(object)
    }

    /// dbt's `PydanticTimeSpine` of each model with a `time_spine:`, in unique-id order (dbt's:
    /// the order it parsed them in).
    static func timeSpines(_ manifest: Manifest) -> [JSONValue] {
        manifest.timeSpineModels.map { node in
            let spine = node.timeSpine?.mapValue ?? ConfigMap()
            let column = node.timeSpineColumn
            let custom = (spine["custom_granularities"]?.listValue ?? []).map { item -> JSONValue in
                let fields = item.mapValue ?? ConfigMap()
                return ["name": fields["name"]?.json ?? .null, "column_name": fields["column_name"]?.json ?? .null]
            }
            return [
                "node_relation": [
                    "alias": .string(node.alias), "schema_name": .string(node.schema),
                    "database": .string(node.database), "relation_name": .string(node.relationName),
                ],
                "primary_column": ["name": .string(column?.name), "time_granularity": .string(column?.granularity)],
                "custom_granularities": .array(custom),
            ]
        }
    }
}
