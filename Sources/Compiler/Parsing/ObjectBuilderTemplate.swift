import Jinja

/// MetricFlow's object-builder templates, read as dbt-semantic-interfaces reads them: the
/// filters of metrics and saved queries (`{{ Dimension('order__status') }} = 'paid'`) and a saved
/// query's group-by and order-by items (`TimeDimension('metric_time', 'day')`).
///
/// A template is rendered in a strict Jinja environment whose only names are `Dimension`,
/// `TimeDimension`, `Entity` and `Metric`; each returns a builder (`.grain()`, `.date_part()`,
/// `.descending()`), and every builder the render prints is one item. The items' names are then
/// split at their dunders into entity links, the element and a time grain.
enum ObjectBuilderTemplate {
    enum ItemType: String {
        case dimension = "Dimension", timeDimension = "TimeDimension", entity = "Entity", metric = "Metric"
    }

    /// One printed builder (dbt-semantic-interfaces' `ObjectBuilderItemDescription`).
    struct Item: Equatable {
        var type: ItemType
        var name: String
        var entityPath: [String] = []
        var groupBy: [String] = []
        var grain: String?
        var datePart: String?
        var descending: Bool?
    }

    /// Where an item stands, which decides the builder methods it may call.
    enum Place {
        /// A filter or a group-by item: only a `Dimension` takes methods.
        case filterOrGroupBy
        /// An order-by item: a `Dimension` takes all, the others `.descending()` only.
        case orderBy
    }

    /// An exception of dbt-semantic-interfaces' parsing: its Python type and message.
    struct Failure: Error, Equatable {
        var type: String
        var message: String

        static let parseType = "dbt_semantic_interfaces.call_parameter_sets.ParseJinjaObjectException"
        static let querySyntaxType = "dbt_semantic_interfaces.errors.InvalidQuerySyntax"
        static let builderMethodType = "dbt_semantic_interfaces.parsing.text_input.ti_exceptions.InvalidBuilderMethodException"
        static let jinjaType = "dbt_semantic_interfaces.parsing.text_input.ti_exceptions.QueryItemJinjaException"

        static func parse(_ message: String) -> Failure { Failure(type: parseType, message: message) }
    }

    static let dateParts: Set<String> = ["year", "quarter", "month", "day", "dow", "doy"]

    /// The items `template` prints, in order, each once; a failure is the exception the render
    /// raised (Jinja's own errors as MetricFlow's `QueryItemJinjaException`).
    static func items(_ template: String, place: Place) throws(Failure) -> [Item] {
        let collector = Collector()
        let environment = Environment()
        environment.undefinedBehavior = .strict
        var context: [String: Value] = [:]
        for type in [ItemType.dimension, .timeDimension, .entity, .metric] {
            context[type.rawValue] = .function(type.rawValue) { arguments, _ in
                do {
                    return .object(Builder(item: try item(type, arguments), place: place, collector: collector))
                } catch let failure as Failure {
                    collector.failure = collector.failure ?? failure
                    throw failure
                }
            }
        }
        do {
            _ = try environment.parse(template, name: "<filter>").render(context)
        } catch let failure as Failure {
            throw failure
        } catch {
            if let failure = collector.failure { throw failure }
            throw Failure(type: Failure.jinjaType, message: "Error while processing Jinja template:\n" + indent(template, "    "))
        }
        if let failure = collector.failure { throw failure }
        return collector.items
    }

    /// The item a builder function's arguments describe (Python's binding of its signature).
    private static func item(_ type: ItemType, _ arguments: Arguments) throws -> Item {
        func text(_ value: Value) -> String? { if case .string(let text) = value { return text } else { return nil } }
        func texts(_ value: Value) throws -> [String] {
            switch value {
            case .string(let text): return text.map(String.init)
            case .list(let list): return list.items.compactMap(text)
            case .tuple(let items): return items.compactMap(text)
            case .none: return []
            default: throw RuntimeFailure.type("'\(value.typeName)' object is not iterable")
            }
        }
        var item: Item
        switch type {
        case .dimension:
            let bound = try arguments.bind(["name", "entity_path"], defaults: ["entity_path": .tuple([])], function: "_create")
            item = Item(type: type, name: try name(bound[0]), entityPath: try texts(bound[1]))
        case .timeDimension:
            let bound = try arguments.bind(
                ["time_dimension_name", "time_granularity_name", "entity_path", "descending", "date_part_name"],
                defaults: ["time_granularity_name": .none, "entity_path": .tuple([]), "descending": .none, "date_part_name": .none],
                function: "_create")
            item = Item(type: type, name: try name(bound[0]), entityPath: try texts(bound[2]))
            item.grain = text(bound[1])
            if case .bool(let flag) = bound[3] { item.descending = flag }
            item.datePart = text(bound[4])
        case .entity:
            let bound = try arguments.bind(["entity_name", "entity_path"], defaults: ["entity_path": .tuple([])], function: "_create")
            item = Item(type: type, name: try name(bound[0]), entityPath: try texts(bound[1]))
        case .metric:
            let bound = try arguments.bind(["metric_name", "group_by"], defaults: ["group_by": .tuple([])], function: "_create")
            item = Item(type: type, name: try name(bound[0]), groupBy: try texts(bound[1]))
        }
        try validate(item)
        return item
    }

    private static func name(_ value: Value) throws -> String {
        guard case .string(let text) = value else { throw RuntimeFailure.type("a name must be a string") }
        return text
    }

    /// `ObjectBuilderItemDescription.__post_init__`'s checks.
    static func validate(_ item: Item) throws {
        if item.type == .entity || item.type == .metric {
            if let grain = item.grain {
                throw Failure(
                    type: Failure.querySyntaxType,
                    message: "self.time_granularity_name=\(pythonRepr(grain)) is not supported for item_type=<QueryItemType.\(item.type == .entity ? "ENTITY" : "METRIC"): '\(item.type.rawValue)'>")
            }
            if let part = item.datePart {
                throw Failure(
                    type: Failure.querySyntaxType,
                    message: "self.date_part_name=\(pythonRepr(part)) is not supported for item_type=<QueryItemType.\(item.type == .entity ? "ENTITY" : "METRIC"): '\(item.type.rawValue)'>")
            }
        }
        if item.type == .metric, !DunderedName(item.name, customGrains: []).links.isEmpty {
            throw Failure(type: Failure.querySyntaxType, message: "The name of the metric should not have entity links.")
        }
        if let part = item.datePart, !dateParts.contains(part.lowercased()) {
            throw Failure(
                type: Failure.querySyntaxType,
                message: "\(pythonRepr(part)) is not a valid date part. Valid values are {'day', 'dow', 'doy', 'month', 'quarter', 'year'}")
        }
    }

    /// What the renders of one template found: its items, and a failure a builder kept from Jinja.
    final class Collector {
        var items: [Item] = []
        var failure: Failure?

        func record(_ item: Item) {
            if !items.contains(item) { items.append(item) }
        }
    }

    /// The object a builder function returns: its methods update the item, and printing it
    /// records the item.
    final class Builder: JinjaObject {
        var item: Item
        let place: Place
        let collector: Collector

        init(item: Item, place: Place, collector: Collector) {
            self.item = item
            self.place = place
            self.collector = collector
        }

        var typeName: String { "ObjectBuilderItemDescription" }

        var pyStr: String {
            collector.record(item)
            return "_"
        }

        private func allows(_ method: String) -> Bool {
            switch (item.type, place) {
            case (.dimension, _): return true
            case (_, .orderBy): return method == "descending"
            default: return false
            }
        }

        func attribute(_ name: String, _ context: CallContext) throws -> Value? {
            guard ["grain", "date_part", "descending"].contains(name) else { return nil }
            return .function(name) { [self] arguments, _ in
                guard allows(name) else {
                    let failure = Failure(
                        type: Failure.builderMethodType, message: "`\(name)` can't be used with `\(item.type.rawValue)` in this context.")
                    collector.failure = collector.failure ?? failure
                    throw failure
                }
                let value = arguments.positional.first ?? .none
                switch (name, value) {
                case ("grain", .string(let grain)) where !grain.isEmpty: item.grain = grain
                case ("date_part", .string(let part)) where !part.isEmpty: item.datePart = part
                case ("descending", .bool(true)): item.descending = true
                default: break
                }
                do {
                    try ObjectBuilderTemplate.validate(item)
                } catch let failure as Failure {
                    collector.failure = collector.failure ?? failure
                    throw failure
                }
                return .object(self)
            }
        }
    }

    /// Python's `textwrap.indent`: `prefix` before every line that is not only whitespace.
    static func indent(_ text: String, _ prefix: String) -> String {
        var result = ""
        var line = ""
        func flush(_ ending: String) {
            result += (line.allSatisfy(\.isWhitespace) ? "" : prefix) + line + ending
            line = ""
        }
        for character in text {
            if character == "\n" { flush("\n") } else { line.append(character) }
        }
        if !line.isEmpty { flush("") }
        return result
    }
}

/// A dundered name as MetricFlow splits it (`StructuredDunderedName.parse_name`): entity links,
/// the element, and a time grain when the last part is one.
struct DunderedName {
    var links: [String]
    var element: String
    var grain: String?

    init(_ name: String, customGrains: [String]) {
        let parts = name.components(separatedBy: "__")
        guard parts.count > 1 else {
            (links, element, grain) = ([], name, nil)
            return
        }
        let last = parts[parts.count - 1]
        if ProjectCompiler.timeGranularities.contains(last) || customGrains.contains(last) {
            grain = last
            if parts.count == 2 {
                (links, element) = ([], parts[0])
            } else {
                (links, element) = (Array(parts[..<(parts.count - 2)]), parts[parts.count - 2])
            }
        } else {
            grain = nil
            (links, element) = (Array(parts.dropLast()), last)
        }
    }
}

/// What an item names once its name is parsed (dbt-semantic-interfaces' call parameter sets).
enum ObjectBuilderReference {
    case dimension(element: String)
    case timeDimension(element: String, grain: String?)
    case entity(element: String)
    case metric(name: String)

    /// `ParameterSetFactory`'s reading of an item; `customGrains` are the valid granularity names
    /// a time dimension's name may end with.
    init(_ item: ObjectBuilderTemplate.Item, customGrains: [String]) throws(ObjectBuilderTemplate.Failure) {
        typealias Failure = ObjectBuilderTemplate.Failure
        func wrongFormat(_ name: String) -> Failure {
            .parse("Name is in an incorrect format: \(pythonRepr(name)). It should be of the form: <primary entity name>__<dimension_name>")
        }
        switch item.type {
        case .dimension where item.grain == nil && item.datePart == nil:
            let parsed = DunderedName(item.name, customGrains: [])
            guard parsed.links.count == 1 || parsed.element == "metric_time" else { throw wrongFormat(item.name) }
            self = .dimension(element: parsed.element)
        case .dimension, .timeDimension:
            let parsed = DunderedName(item.name, customGrains: customGrains)
            guard parsed.links.count == 1 || parsed.element == "metric_time" else { throw wrongFormat(item.name) }
            if let fromName = parsed.grain, let given = item.grain, given != fromName {
                throw .parse(
                    "Received different grains in `time_dimension_name` parameter ('\(item.name)') and `time_granularity_name` "
                        + "parameter ('\(given)'). Remove the grain suffix (`\(fromName)`) from the time dimension name and use the "
                        + "`time_granularity_name` parameter to specify the intendend grain.")
            }
            self = .timeDimension(element: parsed.element, grain: (parsed.grain ?? item.grain)?.lowercased())
        case .entity:
            let parsed = DunderedName(item.name, customGrains: [])
            if parsed.grain != nil {
                throw .parse("Name is in an incorrect format: \(pythonRepr(item.name)). It should not contain a time grain suffix.")
            }
            self = .entity(element: parsed.element)
        case .metric:
            guard !item.groupBy.isEmpty else {
                throw .parse(
                    "`group_by` parameter is required for Metric in where filter. This is needed to determine 1) the granularity "
                        + "to aggregate the metric to and 2) how to join the metric to the rest of the query.")
            }
            self = .metric(name: item.name)
        }
    }
}
