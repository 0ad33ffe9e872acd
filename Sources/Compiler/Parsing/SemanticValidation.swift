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

    private let layer: SemanticLayerModel
    private(set) var errors: [Issue] = []
    private(set) var warnings: [Issue] = []

    static let standardGranularities = Set(ProjectCompiler.timeGranularities)
    static let customGrainMessage = "Custom granularities are not supported for this field yet."

    /// A validation that has run no rule yet: what one rule finds, kept apart until the rule
    /// is through (a rule that raises keeps none of it).
    private init(layer: SemanticLayerModel) {
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

    private mutating func error(_ message: String, _ resource: String? = nil) {
        errors.append(Issue(message: message, resource: resource))
    }

    private mutating func warning(_ message: String, _ resource: String? = nil) {
        warnings.append(Issue(message: message, resource: resource))
    }

    /// The one error dbt's `validate_safely` makes of an exception in what it wraps.
    private static func failure(while doing: String, _ exception: String) -> String {
        "An error occurred while \(doing) - \(exception)\n"
    }

    private static func missingAggTimeDimension(_ measure: String) -> String {
        "AssertionError: Aggregation time dimension for measure \(measure) is not set! This should either be set directly on "
            + "the measure specification in the model, or else defaulted to the primary time dimension in the data source "
            + "containing the measure."
    }

    private var customGranularities: Set<String> { Set(layer.timeSpines.flatMap(\.customGranularities)) }
    private var measureNames: Set<String> { Set(layer.semanticModels.flatMap { $0.measures.map(\.name) }) }

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
                        "Found measure with name \(measure.name) in multiple semantic models with names (\(Self.listRepr(previous)))",
                        model.id)
                }
                owners[measure.name, default: []].append(model.name)
            }
        }
    }

    private mutating func nonAdditiveDimensions() {
        var found: [Issue] = []
        for model in layer.semanticModels {
            for measure in model.measures {
                guard let nonAdditive = measure.nonAdditive else { continue }
                guard let aggTime = model.aggTimeDimension(of: measure) else {
                    error(Self.failure(
                        while: "ensuring that a measure's non_additive_dimensions is valid", Self.missingAggTimeDimension(measure.name)),
                        model.id)
                    return
                }
                func add(_ message: String) { found.append(Issue(message: message, resource: model.id)) }
                guard let aggDimension = model.dimensions.first(where: { $0.name == aggTime }) else {
                    add(
                        "Measure '\(measure.name)' has a agg_time_dimension of \(aggTime) that is not defined as a dimension in "
                            + "semantic model '\(model.name)'.")
                    continue
                }
                if let match = model.dimensions.first(where: { $0.name == nonAdditive.name }) {
                    if match.type != "time" {
                        add(
                            "Measure '\(measure.name)' has a non_additive_dimension with name'\(nonAdditive.name)' that is defined as "
                                + "a categorical dimension which is not supported.")
                    }
                    if match.hasTypeParams, aggDimension.hasTypeParams, match.granularity != aggDimension.granularity {
                        add(
                            "Measure '\(measure.name)' has a non_additive_dimension with name '\(nonAdditive.name)' that has a base "
                                + "time granularity (\((match.granularity ?? "").uppercased())) that is not equal to the measure's "
                                + "agg_time_dimension \(aggDimension.name) with a base granularity of "
                                + "(\((aggDimension.granularity ?? "").uppercased())).")
                    }
                } else {
                    add(
                        "Measure '\(measure.name)' has a non_additive_dimension with name '\(nonAdditive.name)' that is not defined "
                            + "as a dimension in semantic model '\(model.name)'.")
                }
                if nonAdditive.windowChoice != "min" && nonAdditive.windowChoice != "max" {
                    add(
                        "Measure '\(measure.name)' has a non_additive_dimension with an invalid 'window_choice' of "
                            + "'\(nonAdditive.windowChoice)'. Only choices supported are 'min' or 'max'.")
                }
                let missing = Set(nonAdditive.groupings).subtracting(model.entities.map(\.name))
                if !missing.isEmpty {
                    add(
                        "Measure '\(measure.name)' has a non_additive_dimension with an invalid 'window_groupings'. These entities "
                            + "\(Self.setRepr(missing)) do not exist in the semantic model.")
                }
            }
        }
        errors += found
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
                        + "\(Self.listRepr(names)). There must be either zero or two! If you wish to define a validity window for "
                        + "this semantic model, please follow these requirements: \(requirements)", model.id)
            } else if starts.count != 1 || ends.count != 1 {
                error(
                    "Semantic model \(model.name) has two validity param dimensions defined, but does not have exactly one each "
                        + "marked with is_start and is_end! Dimensions: \(Self.listRepr(names)). is_start dimensions: []. "
                        + "is_end dimensions: \(Self.listRepr(ends.map(\.name))). \(requirements)", model.id)
            }
            let keys = model.entities.filter { $0.type == "primary" || $0.type == "unique" }
            if !model.entities.contains(where: { $0.type == "natural" }) {
                error(
                    "Semantic model \(model.name) has validity param dimensions defined, but does not have an entity with type "
                        + "`natural` set. The natural key for this semantic model is what we use to process a validity window join. "
                        + "Primary or unique entities, if any, might be suitable for use as natural keys: "
                        + "(\(Self.listRepr(keys.map(\.name)))).", model.id)
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
                        + "\(Self.listRepr(model.measures.map(\.name))). Validity param dimension names: \(Self.listRepr(names)).",
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

    // MARK: - Names

    /// MetricFlow's `check_valid_name`.
    static func nameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if !isValidName(name) {
            problems.append(
                "Invalid name `\(name)` - names may only contain lower case letters, numbers, and underscores. Additionally, names "
                    + "must start with a lower case letter, cannot end with an underscore, cannot contain dunders (double "
                    + "underscores, or __), and must be at least 2 characters long.")
        }
        let granularityNames = ProjectCompiler.timeGranularities.map { $0.uppercased() }
        if granularityNames.contains(name.uppercased()) {
            problems.append(
                "Invalid name `\(name)` - names cannot match reserved time granularity keywords (\(listRepr(granularityNames)))")
        }
        switch name.lowercased() {
        case "metric_time":
            problems.append(
                "Invalid name `\(name)` - this name is reserved by MetricFlow. Reason: Used as the query input for creating time "
                    + "series metrics from measures with different time dimension names.")
        case "mf_internal_uuid":
            problems.append(
                "Invalid name `\(name)` - this name is reserved by MetricFlow. Reason: Used internally to reference a column that "
                    + "has a uuid generated by MetricFlow.")
        default: break
        }
        return problems
    }

    /// `\A[a-z]((?!__)[a-z0-9_])*[a-z0-9]\Z`.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 2, let first = bytes.first, let last = bytes.last else { return false }
        let lower = { (byte: UInt8) in byte >= 97 && byte <= 122 }
        let digit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        guard lower(first), lower(last) || digit(last) else { return false }
        for (index, byte) in bytes.enumerated() {
            guard lower(byte) || digit(byte) || byte == 95 else { return false }
            if byte == 95, index + 1 < bytes.count, bytes[index + 1] == 95 { return false }
        }
        return true
    }

    private mutating func uniqueAndValidNames() {
        for (kind, objects) in [
            ("SEMANTIC_MODEL", layer.semanticModels.map { ($0.name, $0.id) }), ("METRIC", layer.metrics.map { ($0.name, $0.id) }),
            ("SAVED_QUERY", layer.savedQueries.map { ($0.name, $0.id) }),
        ] {
            var seen: Set<String> = []
            for (name, id) in objects {
                for problem in Self.nameProblems(name) { error(problem, id) }
                if !seen.insert(name).inserted {
                    error(
                        "Can't use name `\(name)` for a SemanticManifestNodeType.\(kind) when it was already used for another "
                            + "SemanticManifestNodeType.\(kind)", id)
                }
            }
        }
        for model in layer.semanticModels {
            let elements = model.measures.map { ($0.name, "measure") } + model.entities.map { ($0.name, "entity") }
                + model.dimensions.map { ($0.name, "dimension") }
            var seen: Set<String> = []
            for (name, type) in elements where !seen.insert(type + "." + name).inserted {
                error(
                    "In semantic model `\(model.name)`, can't use name `\(name)` for a \(type) when it was already used for a \(type)",
                    model.id)
            }
            for (name, _) in elements {
                for problem in Self.nameProblems(name) { error(problem, model.id) }
            }
        }
        var restricted: [String: String] = [:]
        for model in layer.semanticModels {
            for measure in model.measures { restricted[measure.name] = "measure" }
            for entity in model.entities { restricted[entity.name] = "entity" }
            for dimension in model.dimensions { restricted[dimension.name] = "dimension" }
        }
        for metric in layer.metrics { restricted[metric.name] = "metric" }
        for model in layer.semanticModels { restricted[model.name] = "semantic_model" }
        var seen: Set<String> = []
        var repeated: Set<String> = []
        for spine in layer.timeSpines {
            for name in spine.customGranularities {
                for problem in Self.nameProblems(name) { error(problem) }
                if let type = restricted[name] {
                    error("Can't use name `\(name)` for a custom granularity when it was already used for a \(type).")
                }
                if !seen.insert(name).inserted { repeated.insert(name) }
            }
        }
        if !repeated.isEmpty {
            error(
                "Custom granularity names must be unique, but found duplicate custom granularities with the names "
                    + "\(Self.setRepr(repeated)).")
        }
    }

    // MARK: - Metrics

    private mutating func derivedMetrics() {
        let metricNames = Set(layer.metrics.map(\.name))
        for metric in layer.metrics where metric.type == "derived" {
            if !metric.hasMetricsList {
                error(
                    "No input metrics found for derived metric '\(metric.name)'. Please add metrics to type_params.metrics.", metric.id)
            }
            for input in metric.metrics where !metricNames.contains(input.name) {
                error(
                    "For metric: \(metric.name), input metric: '\(input.name)' does not exist as a configured metric in the model.",
                    metric.id)
            }
        }
        for metric in layer.metrics {
            if metric.type == "derived" {
                let used = Set(metric.metrics.map(\.name))
                for input in metric.metrics {
                    guard let alias = input.alias, !alias.isEmpty else { continue }
                    for problem in Self.nameProblems(alias) { error(problem, metric.id) }
                    if used.contains(alias) {
                        error(
                            "Alias '\(alias)' for input metric: '\(input.name)' is already being used. Please choose another alias.",
                            metric.id)
                    }
                }
            }
            for input in metric.metrics {
                if let window = input.offsetWindow { validateWindow(window, allowCustom: true, metric.id) }
                if let grain = input.offsetToGrain, !grain.isEmpty, !Self.standardGranularities.contains(grain) {
                    error("Invalid time granularity found in `offset_to_grain`: '\(grain)'. \(Self.customGrainMessage)", metric.id)
                }
                if input.offsetWindow != nil, let grain = input.offsetToGrain, !grain.isEmpty {
                    error(
                        "Both offset_window and offset_to_grain set for derived metric '\(metric.name)' on input metric "
                            + "'\(input.name)'. Please set one or the other.", metric.id)
                }
            }
            guard metric.type == "derived" else { continue }
            guard let expr = metric.expr, !expr.isEmpty else {
                warning(
                    "No `expr` set for derived metric \(metric.name). Please add an `expr` that references all input metrics.",
                    metric.id)
                continue
            }
            for input in metric.metrics {
                let name = input.alias.flatMap { $0.isEmpty ? nil : $0 } ?? input.name
                if !expr.contains(name) {
                    warning(
                        "Input metric '\(name)' is not used in `expr`: '\(expr)' for derived metric '\(metric.name)'. Please update "
                            + "the `expr` or remove the input metric.", metric.id)
                }
            }
        }
    }

    /// `validate_metric_time_window`.
    private mutating func validateWindow(_ window: SemanticLayerModel.TimeWindow, allowCustom: Bool, _ resource: String) {
        let known = Self.standardGranularities.union(customGranularities)
        var grain = window.granularity
        if grain.hasSuffix("s"), known.contains(String(grain.dropLast())) { grain = String(grain.dropLast()) }
        let message = "Invalid time granularity '\(grain)' in window: '\(window.text)'"
        if !known.contains(grain) {
            error(message, resource)
        } else if !allowCustom, !Self.standardGranularities.contains(grain) {
            error(message + " " + Self.customGrainMessage, resource)
        }
    }

    private mutating func measureConstraintAliases() {
        let measures = measureNames
        var aliasUsers: [String: [String]] = [:]
        for metric in layer.metrics {
            let inputs = metric.inputMeasures
            if Set(inputs.map(\.name)).count != inputs.count {
                var order: [String] = []
                var groups: [String: [SemanticLayerModel.InputMeasure]] = [:]
                for input in inputs {
                    if groups[input.name] == nil { order.append(input.name) }
                    groups[input.name, default: []].append(input)
                }
                for name in order {
                    guard let group = groups[name], group.count > 1 else { continue }
                    if group.allSatisfy({ $0 == group[0] }) {
                        warning(
                            "PydanticMetric \(metric.name) has multiple identical input measures specifications for measure \(name). "
                                + "This might be hiding a semantic error. Input measure specification: \(group[0].strText).",
                            metric.id)
                        continue
                    }
                    let unaliased = group.filter { !$0.filter.isNull && $0.alias == nil }
                    if !unaliased.isEmpty {
                        error(
                            "PydanticMetric \(metric.name) depends on multiple different constrained versions of measure \(name). In "
                                + "such cases, aliases must be provided, but the following input measures have constraints specified "
                                + "without an alias: [\(unaliased.map(\.reprText).joined(separator: ", "))].", metric.id)
                    }
                }
            }
            for input in inputs {
                guard let alias = input.alias else { continue }
                for problem in Self.nameProblems(alias) { error(problem, metric.id) }
                if measures.contains(alias) {
                    error(
                        "Alias `\(alias)` for measure `\(input.name)` conflicts with measure names defined elsewhere in the model! "
                            + "This can cause ambiguity for certain types of query. Please choose another alias.", metric.id)
                }
                if let users = aliasUsers[alias] {
                    error(
                        "Measure alias \(alias) conflicts with a measure alias used elsewhere in the model! This can cause ambiguity "
                            + "for certain types of query. Please choose another alias, or, if the measures are constrained in the "
                            + "same way, consider centralizing that definition in a new semantic model. Measure specification: "
                            + "\(input.strText). Existing metrics with that measure alias used: \(Self.listRepr(users))", metric.id)
                }
                aliasUsers[alias, default: []].append(metric.name)
            }
        }
    }

    private mutating func metricMeasures() {
        let measures = measureNames
        for metric in layer.metrics {
            for input in metric.inputMeasures where !measures.contains(input.name) {
                error("Measure \(input.name) referenced in metric \(metric.name) is not defined in the model!", metric.id)
            }
        }
    }

    private mutating func cumulativeMetrics() {
        for metric in layer.metrics where metric.type == "cumulative" {
            let cumulative = metric.cumulative
            if let legacy = metric.window, let nested = cumulative?.window,
                legacy.count != nested.count || legacy.granularity != nested.granularity
            {
                error(
                    "Got differing values for `window` on cumulative metric '\(metric.name)'. In `type_params.window`, got "
                        + "'\(legacy.strText)'. In `type_params.cumulative_type_params.window`, got '\(nested.strText)'. Please "
                        + "remove the value from `type_params.window`.", metric.id)
            }
            let window = cumulative?.window ?? metric.window
            var grainToDate = metric.grainToDate
            if let nested = cumulative?.grainToDate, !nested.isEmpty { grainToDate = nested }
            if let grain = grainToDate, !Self.standardGranularities.contains(grain) {
                error("Invalid time granularity found in `grain_to_date`: '\(grain)'. \(Self.customGrainMessage)", metric.id)
            }
            if window != nil, grainToDate != nil {
                error("Both window and grain_to_date set for cumulative metric. Please set one or the other.", metric.id)
            }
            if let window { validateWindow(window, allowCustom: false, metric.id) }
        }
    }

    private mutating func metricLabels() {
        var labels: [String: String] = [:]
        for metric in layer.metrics {
            guard let label = metric.label else { continue }
            if let owner = labels[label] {
                error("Can't use label `\(label)` for  metric `\(metric.name)` as it's already used for metric `\(owner)`", metric.id)
            } else {
                labels[label] = metric.name
            }
        }
    }

    private mutating func conversionMetrics() {
        var found = SemanticValidation(layer: layer)
        for metric in layer.metrics where metric.type == "conversion" {
            guard let conversion = metric.conversion else {
                error(
                    Self.failure(
                        while: "running manifest validation ensuring conversion metrics are valid",
                        "AssertionError: For a conversion metric, type_params.conversion_type_params must exist."),
                    metric.id)
                return
            }
            func owner(of name: String?) -> SemanticLayerModel.SemanticModel? {
                layer.semanticModels.first { model in model.measures.contains { $0.name == name } }
            }
            guard let base = owner(of: conversion.baseMeasure?.name), let converted = owner(of: conversion.conversionMeasure?.name)
            else {
                found.error("For metric '\(metric.name)', conversion measures specified was not found.", metric.id)
                continue
            }
            if !base.entities.contains(where: { $0.name == conversion.entity }) {
                found.error("Entity: \(conversion.entity) not found in base semantic model: \(base.name).", metric.id)
            }
            if !converted.entities.contains(where: { $0.name == conversion.entity }) {
                found.error("Entity: \(conversion.entity) not found in conversion semantic model: \(converted.name).", metric.id)
            }
            for (input, model, isConversion) in [(conversion.baseMeasure, base, false), (conversion.conversionMeasure, converted, true)] {
                guard let input, let measure = model.measures.first(where: { $0.name == input.name }) else { continue }
                if !(measure.agg == "count" || measure.agg == "count_distinct" || (measure.agg == "sum" && measure.expr == "1")) {
                    found.error(
                        "For conversion metrics, the measure must be COUNT/SUM(1)/COUNT_DISTINCT. Measure: \(measure.name) is agg "
                            + "type: \(Self.enumStr("AggregationType", measure.agg))", metric.id)
                }
                if isConversion, !input.filter.isNull {
                    found.warning(
                        "Measure input \(measure.name) has a filter. For conversion metrics, filtering on a conversion input "
                            + "measure is not fully supported yet.", metric.id)
                }
            }
            if let window = conversion.window { found.validateWindow(window, allowCustom: false, metric.id) }
            let properties = conversion.constantProperties.map { ($0.base, base) } + conversion.constantProperties.map { ($0.conversion, converted) }
            for (property, model) in properties
            where !model.entities.contains(where: { $0.name == property }) && !model.dimensions.contains(where: { $0.name == property }) {
                found.error("The provided constant property: \(property), cannot be found in semantic model \(model.name)", metric.id)
            }
        }
        errors += found.errors
        warnings += found.warnings
    }

    // MARK: - Saved queries and time spines

    /// The valid granularity names: the standard ones, then the time spines' custom ones.
    private var granularityNames: [String] { ProjectCompiler.timeGranularities + layer.timeSpines.flatMap(\.customGranularities) }

    /// A filter template's references (`JinjaObjectParser.parse_call_parameter_sets`): any
    /// failure of the render is the one exception dbt-semantic-interfaces makes of it.
    private func filterReferences(_ template: String) throws(ObjectBuilderTemplate.Failure) -> [ObjectBuilderReference] {
        let items: [ObjectBuilderTemplate.Item]
        do {
            items = try ObjectBuilderTemplate.items(template, place: .filterOrGroupBy)
        } catch {
            throw .parse("Error while parsing Jinja template:\n" + template)
        }
        var references: [ObjectBuilderReference] = []
        for item in items { references.append(try ObjectBuilderReference(item, customGrains: granularityNames)) }
        return references
    }

    /// The granularities a filter's time dimensions name that are not valid ones.
    private func unknownGrains(_ references: [ObjectBuilderReference]) -> [String] {
        references.compactMap { reference in
            guard case .timeDimension(_, let grain?) = reference, !grain.isEmpty, !granularityNames.contains(grain) else { return nil }
            return grain
        }
    }

    private func unknownGrainWarning(_ kind: String, _ name: String, _ grain: String) -> String {
        "Filter for SemanticManifestNodeType.\(kind) `\(name)` is not valid. `\(grain)` is not a valid granularity name. Valid "
            + "granularity options: \(Self.listRepr(granularityNames))"
    }

    /// `WhereFiltersAreParseable`: every filter of a metric (its own, its measure's, its ratio's,
    /// its input metrics') and of a saved query parses. Where dbt's message of a metric's filter
    /// goes on with the Python traceback of each failure, Weir's stops before it.
    private mutating func whereFilters() {
        for metric in layer.metrics {
            var sections: [(String, [String])] = [("trying to parse filter of metric `\(metric.name)`", metric.filters)]
            if let measure = metric.measure {
                sections.append((
                    "trying to parse filter of measure input `\(measure.name)` on metric `\(metric.name)`",
                    SemanticLayerModel.templates(measure.filter)))
            }
            if let numerator = metric.numerator {
                sections.append(("trying to parse the numerator filter on metric `\(metric.name)`", numerator.filters))
            }
            if let denominator = metric.denominator {
                sections.append(("trying to parse the denominator filter on metric `\(metric.name)`", denominator.filters))
            }
            for input in metric.metrics {
                sections.append(("trying to parse filter for input metric `\(input.name)` on metric `\(metric.name)`", input.filters))
            }
            for (doing, templates) in sections {
                var failures: [String] = []
                var grains: [String] = []
                for template in templates {
                    do {
                        grains += unknownGrains(try filterReferences(template))
                    } catch let failure {
                        failures += ["Filter:", ObjectBuilderTemplate.indent(template, "    "), "Error Message:",
                                     ObjectBuilderTemplate.indent(failure.message, "    ")]
                    }
                }
                if failures.isEmpty {
                    for grain in grains { warning(unknownGrainWarning("METRIC", metric.name, grain), metric.id) }
                } else {
                    let parsing = (["Encountered error(s) while parsing:\n"] + failures).joined(separator: "\n")
                    error(Self.failure(while: doing, "\(ObjectBuilderTemplate.Failure.parseType): \(parsing)"), metric.id)
                }
            }
        }
        for query in layer.savedQueries where !query.filters.isEmpty {
            let results = query.filters.map { template in Result { () throws(ObjectBuilderTemplate.Failure) in try filterReferences(template) } }
            let failures = results.compactMap { result -> ObjectBuilderTemplate.Failure? in
                if case .failure(let failure) = result { return failure } else { return nil }
            }
            if failures.isEmpty {
                // dbt-semantic-interfaces repeats every filter's warnings after each filter.
                let grains = results.flatMap { (try? $0.get()).map(unknownGrains) ?? [] }
                for _ in results {
                    for grain in grains { warning(unknownGrainWarning("SAVED_QUERY", query.name, grain), query.id) }
                }
            } else if failures.count == results.count {
                for failure in failures {
                    error(
                        "An error occurred while trying to parse a filter in saved query `\(query.name)` - \(failure.type): "
                            + "\(failure.message)\n", query.id)
                }
            } else {
                // A filter that parses makes dbt-semantic-interfaces parse them all again, unguarded.
                error(Self.failure(while: "validating the where field in a saved query.", "\(failures[0].type): \(failures[0].message)"))
            }
        }
    }

    private mutating func savedQueries() {
        let metricNames = Set(layer.metrics.map(\.name))
        var groupByNames = metricNames.union(["metric_time"])
        for model in layer.semanticModels {
            groupByNames.formUnion(model.dimensions.map(\.name))
            groupByNames.formUnion(model.entities.map(\.name))
        }
        for query in layer.savedQueries {
            for name in query.metrics where !metricNames.contains(name) {
                error("`\(name)` is not a valid metric name.", query.id)
            }
            for item in query.groupBy {
                do {
                    let references = try groupByReferences(item)
                    let names = references.compactMap { if case .entity(let name) = $0 { name } else { nil } }
                        + references.compactMap { if case .dimension(let name) = $0 { name } else { nil } }
                        + references.compactMap { if case .timeDimension(let name, _) = $0 { name } else { nil } }
                        + references.compactMap { if case .metric(let name) = $0 { name } else { nil } }
                    if names.count != 1 || !groupByNames.contains(names[0]) {
                        error("`\(item)` is not a valid group-by name.", query.id)
                    }
                } catch let failure {
                    error(
                        "An error occurred while trying to parse a group-by in saved query `\(query.name)` - \(failure.type): "
                            + "\(failure.message)\n", query.id)
                }
            }
            checkOrderBy(query)
            if let limit = query.limit, limit < 0 {
                error("Invalid limit value: \(limit) (should be >= 0)", query.id)
            }
        }
    }

    /// A group-by item's references: rendered as `{{<item>}}`, any failure of the render the
    /// one exception dbt-semantic-interfaces makes of it.
    private func groupByReferences(_ item: String) throws(ObjectBuilderTemplate.Failure) -> [ObjectBuilderReference] {
        let template = "{{" + item + "}}"
        let items: [ObjectBuilderTemplate.Item]
        do {
            items = try ObjectBuilderTemplate.items(template, place: .filterOrGroupBy)
        } catch {
            throw .parse("Error while parsing Jinja template:\n" + template)
        }
        var references: [ObjectBuilderReference] = []
        for item in items { references.append(try ObjectBuilderReference(item, customGrains: granularityNames)) }
        return references
    }

    /// The one item `text` describes (`{{ <text> }}`), as `get_description` reads an order-by item.
    private func description(_ text: String, place: ObjectBuilderTemplate.Place) throws(ObjectBuilderTemplate.Failure) -> ObjectBuilderTemplate.Item {
        let items = try ObjectBuilderTemplate.items("{{ " + text + " }}", place: place)
        guard items.count == 1 else {
            throw ObjectBuilderTemplate.Failure(
                type: ObjectBuilderTemplate.Failure.querySyntaxType,
                message: "Did not get exactly one query item from: \(pythonRepr(text)) Got: [\(items.map(Self.itemRepr).joined(separator: ", "))]")
        }
        return items[0]
    }

    private static func itemRepr(_ item: ObjectBuilderTemplate.Item) -> String {
        func tuple(_ items: [String]) -> String {
            items.count == 1 ? "(\(pythonRepr(items[0])),)" : "(" + items.map(pythonRepr).joined(separator: ", ") + ")"
        }
        return "ObjectBuilderItemDescription(item_type=<QueryItemType.\(item.type.rawValue.uppercased() == "TIMEDIMENSION" ? "TIME_DIMENSION" : item.type.rawValue.uppercased()): '\(item.type.rawValue)'>, "
            + "item_name=\(pythonRepr(item.name)), entity_path=\(tuple(item.entityPath)), group_by_for_metric_item=\(tuple(item.groupBy)), "
            + "time_granularity_name=\(item.grain.map(pythonRepr) ?? "None"), date_part_name=\(item.datePart.map(pythonRepr) ?? "None"), "
            + "descending=\(item.descending.map { $0 ? "True" : "False" } ?? "None"))"
    }

    /// `SavedQueryRule._check_order_by`: each order-by item is one of the saved query's metrics
    /// or group-by items.
    private mutating func checkOrderBy(_ query: SemanticLayerModel.SavedQuery) {
        guard !query.orderBy.isEmpty else { return }
        func failed(_ failure: ObjectBuilderTemplate.Failure) {
            error(
                "An error occurred while parsing a field in \(pythonRepr(query.name)). Note that metrics need to be specified using "
                    + "the object-builder syntax (`Metric('metric_name')`) and if `.descending(...)` is specified, it should be at "
                    + "the end. - \(failure.type): \(failure.message)\n", query.id)
        }
        var valid: [ObjectBuilderTemplate.Item] = []
        var failedBefore = false
        for text in query.metrics.map({ "Metric('\($0)')" }) + query.groupBy {
            do {
                valid.append(try description(text, place: .filterOrGroupBy))
            } catch let failure {
                failed(failure)
                failedBefore = true
            }
        }
        guard !failedBefore else { return }
        for text in query.orderBy {
            do {
                var item = try description(text, place: .orderBy)
                item.descending = nil
                if !valid.contains(item) { error("\(text) does not match any of the listed metrics or group-by items. ", query.id) }
            } catch let failure {
                failed(failure)
            }
        }
    }

    private mutating func timeSpines() {
        guard !layer.semanticModels.isEmpty, !layer.timeSpines.isEmpty else { return }
        let rank = { (grain: String?) in grain.flatMap { ProjectCompiler.timeGranularities.firstIndex(of: $0.lowercased()) } }
        let dimensionGrains = layer.semanticModels.flatMap { $0.dimensions.filter(\.hasTypeParams).compactMap { rank($0.granularity) } }
        guard let smallestDimension = dimensionGrains.min() else {
            error(Self.failure(
                while: "running model validation to ensure that time spines are valid", "ValueError: min() arg is an empty sequence"))
            return
        }
        var byGrain: [Int: [String]] = [:]
        var duplicated: [Int] = []
        for spine in layer.timeSpines {
            guard let grain = rank(spine.granularity) else { continue }
            byGrain[grain, default: []].append(spine.relationName ?? "None")
            if byGrain[grain]?.count == 2 { duplicated.append(grain) }
        }
        if !duplicated.isEmpty {
            let entries = Self.pythonSetOrder(duplicated).map { grain in
                "\(pythonRepr(ProjectCompiler.timeGranularities[grain].uppercased())): \(Self.listRepr(byGrain[grain] ?? []))"
            }
            warning("Only one time spine is supported per granularity. Got duplicates: {\(entries.joined(separator: ", "))}")
        }
        if let smallestSpine = layer.timeSpines.compactMap({ rank($0.granularity) }).min(), smallestDimension < smallestSpine {
            warning(
                "To avoid unexpected query errors, configuring a time spine at or below the smallest time dimension granularity "
                    + "is recommended. Smallest time dimension granularity: "
                    + "\(ProjectCompiler.timeGranularities[smallestDimension].uppercased()); Smallest time spine granularity: "
                    + "TimeGranularity.\(ProjectCompiler.timeGranularities[smallestSpine].uppercased())")
        }
    }

    /// The order CPython iterates a small set of `TimeGranularity` members in (their hashes are
    /// `to_int()`, 4 for a nanosecond to 14 for a year): the slots of an eight-slot table,
    /// collisions probed as CPython probes them; five or more members fill a larger table in order.
    static func pythonSetOrder(_ ranks: [Int]) -> [Int] {
        let hashes = ranks.map { $0 + 4 }
        guard hashes.count < 5 else { return hashes.sorted().map { $0 - 4 } }
        var slots = [Int?](repeating: nil, count: 8)
        for hash in hashes {
            var slot = hash & 7
            var perturb = hash
            while slots[slot] != nil {
                perturb >>= 5
                slot = (slot * 5 + 1 + perturb) & 7
            }
            slots[slot] = hash
        }
        return slots.compactMap { $0.map { $0 - 4 } }
    }

    // MARK: - Python's text of values

    static func listRepr(_ items: [String]) -> String { "[" + items.map(pythonRepr).joined(separator: ", ") + "]" }

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
