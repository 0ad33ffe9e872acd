import ProjectModel

/// The semantic layer as dbt-semantic-interfaces' classes see it, read from the manifest's
/// entries: what `SemanticValidation` checks. Each value is what the pydantic class would hold
/// (a missing flag false, a missing list empty, a cumulative grain lowercased).
struct SemanticLayerModel {
    struct Entity {
        var name: String
        var type: String
        var label: String?
    }

    struct Dimension {
        var name: String
        var type: String
        var isPartition: Bool
        /// `type_params.time_granularity`, when there are type parameters.
        var granularity: String?
        var hasTypeParams: Bool
        var validity: (isStart: Bool, isEnd: Bool)?
        var label: String?
    }

    struct Measure {
        var name: String
        var agg: String
        var expr: String?
        var aggParams: (percentile: ConfigValue?, discrete: Bool, approximate: Bool)?
        var nonAdditive: (name: String, windowChoice: String, groupings: [String])?
        var aggTimeDimension: String?
        var label: String?
        var createMetric: Bool
    }

    struct SemanticModel {
        var id: String
        var name: String
        var label: String?
        var hasDefaults: Bool
        var defaultAggTimeDimension: String?
        var primaryEntity: String?
        var relationName: String
        var entities: [Entity]
        var dimensions: [Dimension]
        var measures: [Measure]

        var timeDimensionNames: Set<String> { Set(dimensions.filter { $0.type == "time" }.map(\.name)) }

        /// dbt-semantic-interfaces' `checked_agg_time_dimension_for_measure`: the first measure
        /// of the name's own, else the model's default (nil when neither is set: an assertion
        /// error there).
        func aggTimeDimension(of measure: Measure) -> String? {
            let first = measures.first { $0.name == measure.name } ?? measure
            if let own = first.aggTimeDimension, !own.isEmpty { return own }
            return defaultAggTimeDimension
        }
    }

    struct TimeWindow {
        var count: ConfigValue
        var granularity: String

        /// `window_string`.
        var text: String { "\(count.pythonText) \(granularity)" }
        /// `str()` of the pydantic window.
        var strText: String { "count=\(count.pythonText) granularity=\(pythonRepr(granularity))" }
    }

    struct InputMeasure: Equatable {
        var name: String
        var filter: ConfigValue
        var alias: String?
        var joinToTimespine: Bool
        var fillNullsWith: ConfigValue

        /// The pydantic object's fields as `repr()` writes their values.
        private var reprFields: [(String, String)] {
            [
                ("name", pythonRepr(name)), ("filter", Self.filterRepr(filter)), ("alias", alias.map(pythonRepr) ?? "None"),
                ("join_to_timespine", joinToTimespine ? "True" : "False"), ("fill_nulls_with", fillNullsWith.pythonText),
            ]
        }
        var strText: String { reprFields.map { "\($0.0)=\($0.1)" }.joined(separator: " ") }
        var reprText: String { "PydanticMetricInputMeasure(" + reprFields.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")" }

        static func filterRepr(_ filter: ConfigValue) -> String {
            guard let filters = filter.mapValue?["where_filters"]?.listValue else { return "None" }
            let items = filters.map { item in
                "PydanticWhereFilter(where_sql_template=\(pythonRepr(item.mapValue?["where_sql_template"]?.stringValue ?? "")))"
            }
            return "PydanticWhereFilterIntersection(where_filters=[\(items.joined(separator: ", "))])"
        }
    }

    struct MetricInput {
        var name: String
        var filters: [String]
        var alias: String?
        var offsetWindow: TimeWindow?
        var offsetToGrain: String?
    }

    struct Metric {
        var id: String
        var name: String
        var type: String
        var label: String?
        /// The metric's own `filter` templates.
        var filters: [String]
        var measure: InputMeasure?
        var numerator: MetricInput?
        var denominator: MetricInput?
        var expr: String?
        var window: TimeWindow?
        var grainToDate: String?
        var metrics: [MetricInput]
        var hasMetricsList: Bool
        var conversion: Conversion?
        var hasConversionParams: Bool
        var cumulative: (window: TimeWindow?, grainToDate: String?)?
        var inputMeasures: [InputMeasure]
    }

    struct Conversion {
        var baseMeasure: InputMeasure?
        var conversionMeasure: InputMeasure?
        var entity: String
        var window: TimeWindow?
        var constantProperties: [(base: String, conversion: String)]
    }

    struct SavedQuery {
        var id: String
        var name: String
        var metrics: [String]
        var groupBy: [String]
        var orderBy: [String]
        var limit: Int?
        var filters: [String]
    }

    struct TimeSpine {
        var relationName: String?
        var granularity: String?
        var customGranularities: [String]
    }

    var semanticModels: [SemanticModel] = []
    var metrics: [Metric] = []
    var savedQueries: [SavedQuery] = []
    var timeSpines: [TimeSpine] = []

    init(_ manifest: Manifest) {
        for resource in manifest.semanticResourcesInReadingOrder {
            switch resource.resourceType {
            case .semanticModel: semanticModels.append(Self.semanticModel(resource))
            case .metric: metrics.append(Self.metric(resource))
            default:
                let query = resource.fields["query_params"]?.mapValue ?? ConfigMap()
                savedQueries.append(SavedQuery(
                    id: resource.uniqueID, name: resource.name, metrics: query["metrics"]?.stringList ?? [],
                    groupBy: query["group_by"]?.stringList ?? [], orderBy: query["order_by"]?.stringList ?? [],
                    limit: query["limit"]?.intValue, filters: Self.templates(query["where"])))
            }
        }
        timeSpines = manifest.timeSpineModels.map { node in
            let custom = (node.timeSpine?.mapValue?["custom_granularities"]?.listValue ?? []).compactMap { $0.mapValue?.text("name") }
            return TimeSpine(relationName: node.relationName, granularity: node.timeSpineColumn?.granularity, customGranularities: custom)
        }
    }

    private static func semanticModel(_ resource: SemanticResource) -> SemanticModel {
        let fields = resource.fields
        let defaults = fields["defaults"]?.mapValue
        return SemanticModel(
            id: resource.uniqueID, name: resource.name, label: fields.text("label"), hasDefaults: defaults != nil,
            defaultAggTimeDimension: defaults?.text("agg_time_dimension"), primaryEntity: fields.text("primary_entity"),
            relationName: fields["node_relation"]?.mapValue?.text("relation_name") ?? "",
            entities: resource.elements("entities").map {
                Entity(name: $0.text("name") ?? "", type: $0.text("type")?.lowercased() ?? "", label: $0.text("label"))
            },
            dimensions: resource.elements("dimensions").map { dimension in
                let typeParams = dimension["type_params"]?.mapValue
                let validity = typeParams?["validity_params"]?.mapValue
                return Dimension(
                    name: dimension.text("name") ?? "", type: dimension.text("type")?.lowercased() ?? "",
                    isPartition: dimension["is_partition"]?.isTruthy ?? false,
                    granularity: typeParams?.text("time_granularity")?.lowercased(), hasTypeParams: typeParams != nil,
                    validity: validity.map { ($0["is_start"]?.isTruthy ?? false, $0["is_end"]?.isTruthy ?? false) },
                    label: dimension.text("label"))
            },
            measures: resource.elements("measures").map { measure in
                let params = measure["agg_params"]?.mapValue
                let nonAdditive = measure["non_additive_dimension"]?.mapValue
                return Measure(
                    name: measure.text("name") ?? "", agg: measure.text("agg")?.lowercased() ?? "", expr: measure.text("expr"),
                    aggParams: params.map {
                        ($0["percentile"].flatMap { $0.isNull ? nil : $0 }, $0["use_discrete_percentile"]?.isTruthy ?? false,
                         $0["use_approximate_percentile"]?.isTruthy ?? false)
                    },
                    nonAdditive: nonAdditive.map {
                        ($0.text("name") ?? "", $0.text("window_choice")?.lowercased() ?? "min", $0["window_groupings"]?.stringList ?? [])
                    },
                    aggTimeDimension: measure.text("agg_time_dimension"), label: measure.text("label"),
                    createMetric: measure["create_metric"]?.boolValue ?? false)
            })
    }

    private static func metric(_ resource: SemanticResource) -> Metric {
        let fields = resource.fields
        let params = fields["type_params"]?.mapValue ?? ConfigMap()
        let conversion = params["conversion_type_params"]?.mapValue
        let cumulative = params["cumulative_type_params"]?.mapValue
        return Metric(
            id: resource.uniqueID, name: resource.name, type: fields.text("type")?.lowercased() ?? "", label: fields.text("label"),
            filters: templates(fields["filter"]), measure: params["measure"]?.mapValue.map(inputMeasure),
            numerator: params["numerator"]?.mapValue.map(metricInput), denominator: params["denominator"]?.mapValue.map(metricInput),
            expr: params.text("expr"),
            window: params["window"]?.mapValue.map(timeWindow), grainToDate: params.text("grain_to_date")?.lowercased(),
            metrics: (params["metrics"]?.listValue ?? []).compactMap(\.mapValue).map(metricInput),
            hasMetricsList: !(params["metrics"]?.listValue ?? []).isEmpty,
            conversion: conversion.map { conversion in
                Conversion(
                    baseMeasure: conversion["base_measure"]?.mapValue.map(inputMeasure),
                    conversionMeasure: conversion["conversion_measure"]?.mapValue.map(inputMeasure),
                    entity: conversion.text("entity") ?? "", window: conversion["window"]?.mapValue.map(timeWindow),
                    constantProperties: (conversion["constant_properties"]?.listValue ?? []).compactMap(\.mapValue).map {
                        ($0.text("base_property") ?? "", $0.text("conversion_property") ?? "")
                    })
            },
            hasConversionParams: conversion != nil,
            cumulative: cumulative.map { ($0["window"]?.mapValue.map(timeWindow), $0.text("grain_to_date")?.lowercased()) },
            inputMeasures: (params["input_measures"]?.listValue ?? []).compactMap(\.mapValue).map(inputMeasure))
    }

    private static func metricInput(_ input: ConfigMap) -> MetricInput {
        MetricInput(
            name: input.text("name") ?? "", filters: templates(input["filter"]), alias: input.text("alias"),
            offsetWindow: input["offset_window"]?.mapValue.map(timeWindow), offsetToGrain: input.text("offset_to_grain")?.lowercased())
    }

    /// The templates of a filter (`{where_filters: [{where_sql_template: ...}]}`).
    static func templates(_ filter: ConfigValue?) -> [String] {
        (filter?.mapValue?["where_filters"]?.listValue ?? []).compactMap { $0.mapValue?["where_sql_template"]?.stringValue }
    }

    private static func inputMeasure(_ fields: ConfigMap) -> InputMeasure {
        InputMeasure(
            name: fields.text("name") ?? "", filter: fields["filter"] ?? .null, alias: fields.text("alias"),
            joinToTimespine: fields["join_to_timespine"]?.isTruthy ?? false, fillNullsWith: fields["fill_nulls_with"] ?? .null)
    }

    private static func timeWindow(_ fields: ConfigMap) -> TimeWindow {
        TimeWindow(count: fields["count"] ?? .null, granularity: fields.text("granularity") ?? "")
    }
}

extension ConfigMap {
    /// A field's text (a number or flag as Python writes it), nil when missing or null.
    fileprivate func text(_ key: String) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        return value.stringValue ?? value.pythonText
    }
}

extension ConfigValue {
    /// The value as Python's `str()` writes it (`None`, `True`, `1.0`).
    var pythonText: String { jinjaValue.pyStr }
}
