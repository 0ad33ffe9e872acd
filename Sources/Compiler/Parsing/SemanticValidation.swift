import ProjectModel

/// dbt-semantic-interfaces 0.9's checks of a semantic layer (`SemanticManifestValidator`'s
/// default rules), which dbt runs on every parse of a project with semantic models and metrics:
/// each rule in dbt's order, with its messages as dbt prints them (filters and saved query items
/// read by `ObjectBuilderTemplate`).
///
/// Where a rule of dbt's raises (a measure without any aggregation time dimension, a conversion
/// metric without its parameters, time spines without any time dimension), dbt reports the
/// exception in place of what that rule found; so does this.
struct SemanticValidation {
    struct Issue: Equatable {
        var message: String
        /// The resource it is about, for its place in the project.
        var resource: String?
    }

    let layer: SemanticLayerModel
    var errors: [Issue] = []
    var warnings: [Issue] = []

    static let standardGranularities = Set(ProjectCompiler.timeGranularities)
    static let customGrainMessage = "Custom granularities are not supported for this field yet."

    /// A validation that has run no rule yet: what one rule finds, kept apart until the rule
    /// is through (a rule that raises keeps none of it).
    init(layer: SemanticLayerModel) {
        self.layer = layer
    }

    init(_ layer: SemanticLayerModel) {
        self.layer = layer
        percentileAggregation()
        derivedMetrics()
        countAggregationExpr()
        measuresUnique()
        validityWindows()
        dimensionConsistency()
        elementConsistency()
        naturalEntities()
        measureConstraintAliases()
        metricMeasures()
        cumulativeMetrics()
        uniqueAndValidNames()
        aggregationTimeDimensions()
        reservedKeywords()
        nonAdditiveDimensions()
        semanticModelDefaults()
        primaryEntities()
        primaryEntityDimensionPairs()
        whereFilters()
        savedQueries()
        metricLabels()
        semanticModelLabels()
        entityLabels()
        conversionMetrics()
        timeSpines()
    }

    mutating func error(_ message: String, _ resource: String? = nil) {
        errors.append(Issue(message: message, resource: resource))
    }

    mutating func warning(_ message: String, _ resource: String? = nil) {
        warnings.append(Issue(message: message, resource: resource))
    }

    /// The one error dbt's `validate_safely` makes of an exception in what it wraps (without the
    /// line break Python's exception text ends it with).
    static func failure(while doing: String, _ exception: String) -> String {
        "An error occurred while \(doing) - \(exception)"
    }

    static func missingAggTimeDimension(_ measure: String) -> String {
        "AssertionError: Aggregation time dimension for measure \(measure) is not set! This should either be set directly on "
            + "the measure specification in the model, or else defaulted to the primary time dimension in the data source "
            + "containing the measure."
    }

    var customGranularities: Set<String> { Set(layer.timeSpines.flatMap(\.customGranularities)) }
    var measureNames: Set<String> { Set(layer.semanticModels.flatMap { $0.measures.map(\.name) }) }

    // MARK: - Measures

    private mutating func percentileAggregation() {
        for model in layer.semanticModels {
            for measure in model.measures {
                let params = measure.aggParams
                let percentile = params?.percentile.flatMap(Self.number)
                switch measure.agg {
                case "percentile":
                    if let percentile {
                        if percentile <= 0 || percentile >= 1 {
                            error(
                                "Percentile aggregation parameter for measure '\(measure.name)' is '\(Self.floatText(percentile))', but must be "
                                    + "between 0 and 1 (non-inclusive). For example, to indicate the 65th percentile value, set "
                                    + "'percentile: 0.65'. For percentile values of 0, please use MIN, for percentile values of 1, please use MAX.",
                                model.id)
                        }
                    } else {
                        error(
                            "Measure '\(measure.name)' uses a PERCENTILE aggregation, which requires agg_params.percentile to be provided.",
                            model.id)
                    }
                case "median":
                    guard let params else { continue }
                    if let percentile, percentile != 0.5 {
                        error(
                            "Measure '\(measure.name)' uses a MEDIAN aggregation, while percentile is set to '\(Self.floatText(percentile))', "
                                + "a conflicting value. Please remove the parameter or set to '0.5'.", model.id)
                    }
                    if params.discrete {
                        error(
                            "Measure '\(measure.name)' uses a MEDIAN aggregation, while use_discrete_percentile is set to true. Please "
                                + "remove the parameter or set to False.", model.id)
                    }
                default:
                    guard let params else { continue }
                    var wrong: [String] = []
                    if let percentile, percentile != 0 { wrong.append("percentile") }
                    if params.discrete { wrong.append("use_discrete_percentile") }
                    if params.approximate { wrong.append("use_approximate_percentile") }
                    if !wrong.isEmpty {
                        error(
                            "Measure '\(measure.name)' with aggregation '\(measure.agg)' uses agg_params (\(wrong.joined(separator: ", "))) "
                                + "only relevant to Percentile measures.", model.id)
                    }
                }
            }
        }
    }

    private mutating func countAggregationExpr() {
        for model in layer.semanticModels {
            for measure in model.measures where measure.agg == "count" {
                if measure.expr == nil {
                    error(
                        "Measure '\(measure.name)' uses a COUNT aggregation, which requires an expr to be provided. Provide 'expr: 1' "
                            + "if a count of all rows is desired.", model.id)
                }
                if let expr = measure.expr, expr.lowercased().hasPrefix("distinct ") {
                    error(
                        "Measure '\(measure.name)' uses a 'count' aggregation with a DISTINCT expr: '\(expr). This is not supported "
                            + "as it effectively converts an additive measure into a non-additive one, and this could cause certain "
                            + "queries to return incorrect results. Please use the count_distinct aggregation type.", model.id)
                }
            }
        }
    }

    private mutating func measuresUnique() {
        var owners: [String: [String]] = [:]
        for model in layer.semanticModels {
            for measure in model.measures {
                if let previous = owners[measure.name] {
                    error(
                        "Found measure with name \(measure.name) in multiple semantic models with names (\(pythonListRepr(previous)))",
                        model.id)
                }
                owners[measure.name, default: []].append(model.name)
            }
        }
    }

    private mutating func nonAdditiveDimensions() {
        var found = SemanticValidation(layer: layer)
        for model in layer.semanticModels {
            for measure in model.measures {
                guard let nonAdditive = measure.nonAdditive else { continue }
                guard let aggTime = model.aggTimeDimension(of: measure) else {
                    error(Self.failure(
                        while: "ensuring that a measure's non_additive_dimensions is valid", Self.missingAggTimeDimension(measure.name)),
                        model.id)
                    return
                }
                guard let aggDimension = model.dimensions.first(where: { $0.name == aggTime }) else {
                    found.error(
                        "Measure '\(measure.name)' has a agg_time_dimension of \(aggTime) that is not defined as a dimension in "
                            + "semantic model '\(model.name)'.", model.id)
                    continue
                }
                if let match = model.dimensions.first(where: { $0.name == nonAdditive.name }) {
                    if match.type != "time" {
                        found.error(
                            "Measure '\(measure.name)' has a non_additive_dimension with name'\(nonAdditive.name)' that is defined as "
                                + "a categorical dimension which is not supported.", model.id)
                    }
                    if match.hasTypeParams, aggDimension.hasTypeParams, match.granularity != aggDimension.granularity {
                        found.error(
                            "Measure '\(measure.name)' has a non_additive_dimension with name '\(nonAdditive.name)' that has a base "
                                + "time granularity (\((match.granularity ?? "").uppercased())) that is not equal to the measure's "
                                + "agg_time_dimension \(aggDimension.name) with a base granularity of "
                                + "(\((aggDimension.granularity ?? "").uppercased())).", model.id)
                    }
                } else {
                    found.error(
                        "Measure '\(measure.name)' has a non_additive_dimension with name '\(nonAdditive.name)' that is not defined "
                            + "as a dimension in semantic model '\(model.name)'.", model.id)
                }
                if nonAdditive.windowChoice != "min" && nonAdditive.windowChoice != "max" {
                    found.error(
                        "Measure '\(measure.name)' has a non_additive_dimension with an invalid 'window_choice' of "
                            + "'\(nonAdditive.windowChoice)'. Only choices supported are 'min' or 'max'.", model.id)
                }
                let missing = Set(nonAdditive.groupings).subtracting(model.entities.map(\.name))
                if !missing.isEmpty {
                    found.error(
                        "Measure '\(measure.name)' has a non_additive_dimension with an invalid 'window_groupings'. These entities "
                            + "\(Self.setRepr(missing)) do not exist in the semantic model.", model.id)
                }
            }
        }
        errors += found.errors
    }

    // MARK: - Semantic models

    private mutating func validityWindows() {
        let requirements =
            "Semantic models using dimension validity params to define a validity window must have exactly two time dimensions "
            + "with validity params specified - one marked `is_start` and the other marked `is_end`."
        for model in layer.semanticModels {
            let windowed = model.dimensions.filter { $0.validity != nil }
            guard !windowed.isEmpty else { continue }
            let names = windowed.map(\.name)
            let starts = windowed.filter { $0.validity?.isStart == true }
            let ends = windowed.filter { $0.validity?.isEnd == true }
            if windowed.count == 1, starts.count == 1, ends.count == 1 {
                error(
                    "Semantic model \(model.name) has a single validity param dimension that defines its window: `\(names[0])`. "
                        + "This is not a currently supported configuration! \(requirements) If you have one column defining a "
                        + "window, as in a daily snapshot table, you can define a separate dimension and increment the time value "
                        + "in the `expr` field as a work-around.", model.id)
            } else if windowed.count != 2 {
                error(
                    "Semantic model \(model.name) has \(windowed.count) dimensions defined with validity params. They are: "
                        + "\(pythonListRepr(names)). There must be either zero or two! If you wish to define a validity window for "
                        + "this semantic model, please follow these requirements: \(requirements)", model.id)
            } else if starts.count != 1 || ends.count != 1 {
                error(
                    "Semantic model \(model.name) has two validity param dimensions defined, but does not have exactly one each "
                        + "marked with is_start and is_end! Dimensions: \(pythonListRepr(names)). is_start dimensions: []. "
                        + "is_end dimensions: \(pythonListRepr(ends.map(\.name))). \(requirements)", model.id)
            }
            let keys = model.entities.filter { $0.type == "primary" || $0.type == "unique" }
            if !model.entities.contains(where: { $0.type == "natural" }) {
                error(
                    "Semantic model \(model.name) has validity param dimensions defined, but does not have an entity with type "
                        + "`natural` set. The natural key for this semantic model is what we use to process a validity window join. "
                        + "Primary or unique entities, if any, might be suitable for use as natural keys: "
                        + "(\(pythonListRepr(keys.map(\.name)))).", model.id)
            }
            if !keys.isEmpty {
                error(
                    "Semantic model \(model.name) has validity param dimensions defined and also has one or more entities "
                        + "designated as `primary` or `unique`. This is not yet supported, as we do not currently process joins "
                        + "against these key types for semantic models with validity windows specified.", model.id)
            }
            if !model.measures.isEmpty {
                error(
                    "Semantic model \(model.name) has both measures and validity param dimensions defined. This is not currently "
                        + "supported! Please remove either the measures or the validity params. Measure names: "
                        + "\(pythonListRepr(model.measures.map(\.name))). Validity param dimension names: \(pythonListRepr(names)).",
                    model.id)
            }
        }
    }

    private mutating func dimensionConsistency() {
        var invariants: [String: (type: String, isPartition: Bool)] = [:]
        for model in layer.semanticModels {
            for dimension in model.dimensions {
                guard let invariant = invariants[dimension.name] else {
                    invariants[dimension.name] = (dimension.type, dimension.isPartition)
                    continue
                }
                if invariant.type != dimension.type {
                    error(
                        "In semantic model `\(model.name)`, type conflict for dimension `\(dimension.name)` - already in model as "
                            + "type `\(Self.enumStr("DimensionType", invariant.type))` but got `\(Self.enumStr("DimensionType", dimension.type))`",
                        model.id)
                }
                if invariant.isPartition != dimension.isPartition {
                    error(
                        "In semantic model `\(model.name), conflicting is_partition attribute for dimension "
                            + "`DimensionReference(element_name=\(pythonRepr(dimension.name)))` - already in model with is_partition as "
                            + "`\(invariant.isPartition ? "True" : "False")` but got `\(dimension.isPartition ? "True" : "False")``",
                        model.id)
                }
            }
        }
    }

    private mutating func elementConsistency() {
        var order: [String] = []
        var uses: [String: [String: Set<String>]] = [:]
        var firstUser: [String: String] = [:]
        for model in layer.semanticModels {
            let elements = model.measures.map { ($0.name, "measure") } + model.dimensions.map { ($0.name, "dimension") }
                + model.entities.map { ($0.name, "entity") }
            for (name, type) in elements {
                if uses[name] == nil { order.append(name) }
                if uses[name]?[type] == nil { firstUser[type + "." + name] = model.id }
                uses[name, default: [:]][type, default: []].insert(model.name)
            }
        }
        for name in order {
            guard let byType = uses[name], byType.count > 1 else { continue }
            let types = byType.keys.sorted()
            let typesText = "[" + types.map { "<SemanticModelElementType.\($0.uppercased()): '\($0)'>" }.joined(separator: ", ") + "]"
            for type in types {
                error(
                    "In semantic models \(Self.setRepr(byType[type] ?? [])), element `\(name)` is of type "
                        + "SemanticModelElementType.\(type.uppercased()), but it is used as types \(typesText) across the model.",
                    firstUser[type + "." + name])
            }
        }
    }

    private mutating func naturalEntities() {
        for model in layer.semanticModels {
            let natural = Set(model.entities.filter { $0.type == "natural" }.map(\.name))
            if natural.count > 1 {
                error(
                    "Semantic models can have at most one natural entity, but semantic model `\(model.name)` has \(natural.count) "
                        + "distinct natural entities set! \(Self.setRepr(natural)).", model.id)
            }
            if !natural.isEmpty, !model.dimensions.contains(where: { $0.validity != nil }) {
                error(
                    "The use of `natural` entities is currently supported only in conjunction with a validity window defined in "
                        + "the set of time dimensions associated with the semantic model. Semantic model `\(model.name)` uses a "
                        + "natural entity (\(Self.setRepr(natural))) but does not define a validity window!", model.id)
            }
        }
    }

    private mutating func aggregationTimeDimensions() {
        for model in layer.semanticModels {
            var found: [String] = []
            var failed: String?
            for measure in model.measures {
                guard let aggTime = model.aggTimeDimension(of: measure) else {
                    failed = Self.missingAggTimeDimension(measure.name)
                    break
                }
                if !model.timeDimensionNames.contains(aggTime) {
                    found.append(
                        "In semantic model '\(model.name)', measure '\(measure.name)' has the aggregation time dimension set to "
                            + "'\(aggTime)', which is not a valid time dimension in the semantic model")
                }
            }
            if let failed {
                error(Self.failure(while: "checking aggregation time dimension for a semantic model", failed), model.id)
            } else {
                for message in found { error(message, model.id) }
            }
        }
    }

    /// SQL keywords that MetricFlow will not take as a name (`RESERVED_KEYWORDS`).
    static let reservedKeywords: Set<String> = [
        "AND", "AS", "CREATE", "DISTINCT", "FOR", "FROM", "FULL", "HAVING", "IN", "INNER", "INTO", "IS", "JOIN", "LEFT", "LIKE",
        "NATURAL", "NOT", "NULL", "ON", "OR", "RIGHT", "SELECT", "UNION", "USING", "WHERE", "WITH",
    ]

    private mutating func reservedKeywords() {
        for model in layer.semanticModels {
            let parts = Set(model.relationName.split(separator: ".", omittingEmptySubsequences: false).map { $0.uppercased() })
            let clashes = parts.intersection(Self.reservedKeywords)
            if !clashes.isEmpty {
                error(
                    "'\(model.relationName)' contains the SQL reserved keyword(s) \(Self.setRepr(clashes)), and thus cannot be used "
                        + "for 'node_relation'.", model.id)
            }
            for dimension in model.dimensions where Self.reservedKeywords.contains(dimension.name.uppercased()) {
                error("'\(dimension.name)' is an SQL reserved keyword, and thus cannot be used as a dimension 'name'.", model.id)
            }
            for entity in model.entities where Self.reservedKeywords.contains(entity.name.uppercased()) {
                error("'\(entity.name)' is an SQL reserved keyword, and thus cannot be used as an entity 'name'", model.id)
            }
            for measure in model.measures where Self.reservedKeywords.contains(measure.name.uppercased()) {
                error("'\(measure.name)' is an SQL reserved keyword, and thus cannot be used as a measure 'name'.", model.id)
            }
        }
    }

    private mutating func semanticModelDefaults() {
        for model in layer.semanticModels {
            guard let aggTime = model.defaultAggTimeDimension, !model.timeDimensionNames.contains(aggTime) else { continue }
            error(
                "Default aggregation time dimension was specified as '\(aggTime)' which doesn't exist as a time dimension in "
                    + "semantic model named '\(model.name)'.", model.id)
        }
    }

    private mutating func primaryEntities() {
        for model in layer.semanticModels {
            let primary = model.entities.filter { $0.type == "primary" }
            if primary.count > 1 {
                error(
                    "Semantic models can have only one primary entity. The semantic model `\(model.name)` has \(primary.count): "
                        + primary.map(\.name).joined(separator: ", "), model.id)
            } else if primary.count == 1, let declared = model.primaryEntity {
                error(
                    "The semantic model `\(model.name)` has an entity named `\(primary[0].name)` with type primary but it also has "
                        + "the `primary_entity` field set to `\(declared)`. Both should not be present in the model.", model.id)
            } else if !model.dimensions.isEmpty, model.primaryEntity == nil, primary.isEmpty {
                error(
                    "The semantic model \(model.name) contains dimensions, but it does not define a primary entity. Either add an "
                        + "entity with type PRIMARY or set a value for the primary_entity key.", model.id)
            }
        }
    }

    private mutating func primaryEntityDimensionPairs() {
        var known: [String: [String: String]] = [:]
        for model in layer.semanticModels {
            guard let entity = model.primaryEntity ?? model.entities.first(where: { $0.type == "primary" })?.name else { continue }
            guard var pairs = known[entity] else {
                known[entity] = Dictionary(model.dimensions.map { ($0.name, model.name) }, uniquingKeysWith: { $1 })
                continue
            }
            for dimension in model.dimensions {
                if let owner = pairs[dimension.name] {
                    error(
                        "Duplicate dimension + primary entity pairing detected, dimension + primary entity pairings must be unique. "
                            + "Semantic model `\(model.name)` has a primary entity of `\(entity)` and dimension `\(dimension.name)`, "
                            + "but this pairing is already in use on semantic model `\(owner)`.", model.id)
                } else {
                    pairs[dimension.name] = model.name
                }
            }
            known[entity] = pairs
        }
    }

    private mutating func semanticModelLabels() {
        var labels: [String: String] = [:]
        for model in layer.semanticModels {
            if let label = model.label {
                if let owner = labels[label] {
                    error(
                        "Can't use label `\(label)` for  semantic model `\(model.name)` as it's already used for semantic model `\(owner)`",
                        model.id)
                } else {
                    labels[label] = model.name
                }
            }
            for (kind, plural, elementLabels) in [
                ("Dimension", "dimensions", model.dimensions.map(\.label)), ("Entity", "entities", model.entities.map(\.label)),
                ("Measure", "measures", model.measures.map(\.label)),
            ] {
                var counts: [String: Int] = [:]
                var order: [String] = []
                for label in elementLabels.compactMap({ $0 }) {
                    if counts[label] == nil { order.append(label) }
                    counts[label, default: 0] += 1
                }
                for label in order where counts[label, default: 0] > 1 {
                    error(
                        "\(kind) labels must be unique within a semantic model. The label `\(label)` was used for "
                            + "\(counts[label] ?? 0) \(plural) on semantic model `\(model.name)", model.id)
                }
            }
        }
    }

    private mutating func entityLabels() {
        var labels: [String: (model: String, label: String)] = [:]
        for model in layer.semanticModels {
            for entity in model.entities {
                guard let label = entity.label else { continue }
                guard let existing = labels[entity.name] else {
                    labels[entity.name] = (model.name, label)
                    continue
                }
                if existing.label != label {
                    error(
                        "Entities with the same name must have the same label or the label must be `None`. Entity `\(entity.name)` "
                            + "on semantic model `\(model.name)` has label `\(label)` but the same entity on semantic model "
                            + "`\(existing.model)`", model.id)
                }
            }
        }
    }

    // MARK: - Python's text of values

    /// A set of strings, whose order CPython varies from run to run: sorted here.
    static func setRepr(_ items: Set<String>) -> String {
        "{" + items.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(pythonRepr).joined(separator: ", ") + "}"
    }

    /// `str()` of one of MetricFlow's enums (`AggregationType.SUM`).
    static func enumStr(_ type: String, _ value: String) -> String { "\(type).\(value.uppercased())" }

    static func number(_ value: ConfigValue) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    /// A float as Python writes it (pydantic makes `1` the float `1.0`).
    static func floatText(_ number: Double) -> String { TemplateValue.float(number).pyStr }
}
