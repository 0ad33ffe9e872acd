import ProjectModel

/// dbt-semantic-interfaces' rules on filters, saved queries and time spines.
extension SemanticValidation {
    // MARK: - Saved queries and time spines

    /// The valid granularity names: the standard ones, then the time spines' custom ones.
    var granularityNames: [String] { ProjectCompiler.timeGranularities + layer.timeSpines.flatMap(\.customGranularities) }

    /// A filter template's references, or a group-by item's (rendered as `{{<item>}}`), as
    /// `JinjaObjectParser.parse_call_parameter_sets` finds them: any failure of the render is the
    /// one exception dbt-semantic-interfaces makes of it.
    func references(_ template: String) throws(ObjectBuilderTemplate.Failure) -> [ObjectBuilderReference] {
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
    func unknownGrains(_ references: [ObjectBuilderReference]) -> [String] {
        references.compactMap { reference in
            guard case .timeDimension(_, let grain?) = reference, !grain.isEmpty, !granularityNames.contains(grain) else { return nil }
            return grain
        }
    }

    func unknownGrainWarning(_ kind: String, _ name: String, _ grain: String) -> String {
        "Filter for SemanticManifestNodeType.\(kind) `\(name)` is not valid. `\(grain)` is not a valid granularity name. Valid "
            + "granularity options: \(pythonListRepr(granularityNames))"
    }

    /// `WhereFiltersAreParseable`: every filter of a metric (its own, its measure's, its ratio's,
    /// its input metrics') and of a saved query parses. Where dbt's message of a metric's filter
    /// goes on with the Python traceback of each failure, Weir's stops before it.
    mutating func whereFilters() {
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
                        grains += unknownGrains(try references(template))
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
            let results = query.filters.map { template in Result { () throws(ObjectBuilderTemplate.Failure) in try references(template) } }
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
                            + "\(failure.message)", query.id)
                }
            } else {
                // A filter that parses makes dbt-semantic-interfaces parse them all again, unguarded.
                error(Self.failure(while: "validating the where field in a saved query.", "\(failures[0].type): \(failures[0].message)"))
            }
        }
    }

    mutating func savedQueries() {
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
                    let references = try references("{{" + item + "}}")
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
                            + "\(failure.message)", query.id)
                }
            }
            checkOrderBy(query)
            if let limit = query.limit, limit < 0 {
                error("Invalid limit value: \(limit) (should be >= 0)", query.id)
            }
        }
    }

    /// The one item `text` describes (`{{ <text> }}`), as `get_description` reads an order-by item.
    func description(_ text: String, place: ObjectBuilderTemplate.Place) throws(ObjectBuilderTemplate.Failure) -> ObjectBuilderTemplate.Item {
        let items = try ObjectBuilderTemplate.items("{{ " + text + " }}", place: place)
        guard items.count == 1 else {
            throw ObjectBuilderTemplate.Failure(
                type: ObjectBuilderTemplate.Failure.querySyntaxType,
                message: "Did not get exactly one query item from: \(pythonRepr(text)) Got: [\(items.map(Self.itemRepr).joined(separator: ", "))]")
        }
        return items[0]
    }

    static func itemRepr(_ item: ObjectBuilderTemplate.Item) -> String {
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
    mutating func checkOrderBy(_ query: SemanticLayerModel.SavedQuery) {
        guard !query.orderBy.isEmpty else { return }
        func failed(_ failure: ObjectBuilderTemplate.Failure) {
            error(
                "An error occurred while parsing a field in \(pythonRepr(query.name)). Note that metrics need to be specified using "
                    + "the object-builder syntax (`Metric('metric_name')`) and if `.descending(...)` is specified, it should be at "
                    + "the end. - \(failure.type): \(failure.message)", query.id)
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

    mutating func timeSpines() {
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
                "\(pythonRepr(ProjectCompiler.timeGranularities[grain].uppercased())): \(pythonListRepr(byGrain[grain] ?? []))"
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
}
