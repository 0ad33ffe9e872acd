import Jinja
import ProjectModel
import SQLDialect

/// dbt's `Relation` as templates see it: `{{ ref('x') }}` renders `"db"."schema"."x"`, and
/// `.database`, `.schema`, `.identifier`, `.include()`, `.incorporate()` work as in dbt.
final class RelationValue: JinjaObject {
    var database: String?
    var schema: String?
    var identifier: String?
    var type: String?
    /// dbt's quote policy and include policy, per part.
    var quotePolicy: (database: Bool, schema: Bool, identifier: Bool) = (true, true, true)
    var includePolicy: (database: Bool, schema: Bool, identifier: Bool)
    /// Set for an ephemeral model: the relation renders as its CTE name.
    var cteName: String?
    /// Set on an upstream relation while a microbatch batch compiles: the relation prints as a
    /// subquery of the batch's rows (`render()` still gives the plain name), as in dbt.
    var eventTimeFilter: String?
    /// `--empty`: an upstream relation prints as a subquery of none of its rows (`render()` still
    /// gives the plain name), as dbt's `render_limited` does.
    var limit: Int?
    /// Set on dbt's `InformationSchema` relation (`relation.information_schema('columns')`):
    /// the view, written after `INFORMATION_SCHEMA` unquoted.
    var informationSchemaView: String?
    let dialect: SQLDialect

    init(database: String?, schema: String?, identifier: String?, type: String? = nil, dialect: SQLDialect) {
        self.database = database
        self.schema = schema
        self.identifier = identifier
        self.type = type
        self.dialect = dialect
        self.includePolicy = (dialect.relationsIncludeDatabase, true, true)
    }

    /// Overrides the quote policy with a `quoting:` config's `database`, `schema` and
    /// `identifier` flags (others, such as `column`, are not the relation's).
    func applyQuoting(_ quoting: ConfigMap) { quotePolicy = Self.policy(quotePolicy, overriddenBy: quoting) }

    static func policy(
        _ policy: (database: Bool, schema: Bool, identifier: Bool), overriddenBy flags: ConfigMap
    ) -> (database: Bool, schema: Bool, identifier: Bool) {
        guard !flags.isEmpty else { return policy }
        return (
            flags["database"]?.boolValue ?? policy.database, flags["schema"]?.boolValue ?? policy.schema,
            flags["identifier"]?.boolValue ?? policy.identifier
        )
    }

    private func copy() -> RelationValue {
        let relation = RelationValue(
            database: database, schema: schema, identifier: identifier, type: type, dialect: dialect)
        relation.quotePolicy = quotePolicy
        relation.includePolicy = includePolicy
        relation.cteName = cteName
        relation.limit = limit
        return relation
    }

    var typeName: String { dialect.adapterType == "postgres" ? "PostgresRelation" : "BaseRelation" }

    /// `"db"."schema"."identifier"`, leaving out excluded and empty parts, as `render()` does.
    var rendered: String {
        if let cteName { return cteName }
        // Built in one string (every `ref` of every render renders one).
        var text = ""
        func add(_ value: String?, include: Bool, quote: Bool) {
            guard include, let value, !value.isEmpty else { return }
            if !text.isEmpty { text.append(".") }
            if quote { dialect.appendQuoted(value, to: &text) } else { text.append(value) }
        }
        add(database, include: includePolicy.database, quote: quotePolicy.database)
        add(schema, include: includePolicy.schema, quote: quotePolicy.schema)
        add(identifier, include: includePolicy.identifier, quote: quotePolicy.identifier)
        if let informationSchemaView {
            if !text.isEmpty { text.append(".") }
            text.append(informationSchemaView)
        }
        return text
    }

    /// dbt's `__str__`: the limited subquery, if any, inside the event time filter's.
    var pyStr: String {
        var text = rendered
        // dbt names the subquery after its relation's identifier (an ephemeral model's CTE name).
        let name = cteName ?? identifier ?? ""
        if let limit {
            text = limit == 0
                ? "(select * from \(text) where false limit 0) _dbt_limit_subq_\(name)"
                : "(select * from \(text) limit \(limit)) _dbt_limit_subq_\(name)"
        }
        guard let eventTimeFilter else { return text }
        return "(select * from \(text) where \(eventTimeFilter)) _dbt_et_filter_subq_\(identifier ?? "")"
    }
    var pyRepr: String { "<\(typeName) \(rendered)>" }

    /// A dbt relation is a `Mapping` of its fields (`FakeAPIObject`), which packages test for:
    /// dbt-utils' `_is_relation` asks `obj is mapping and obj.get('metadata', {}).get('type', '')`.
    var isMapping: Bool { true }

    /// Relations are hashable and equal by their fields, as dbt's dataclass is
    /// (`{relation: []}` is a dict dbt-utils' `unpivot` builds).
    var hashKey: String? {
        let parts: [String?] = [database, schema, identifier, type, cteName, eventTimeFilter, limit.map(String.init)]
        let policies = [quotePolicy.database, quotePolicy.schema, quotePolicy.identifier,
            includePolicy.database, includePolicy.schema, includePolicy.identifier]
        return parts.map { $0.map { "=" + $0 } ?? "-" }.joined(separator: "\u{0}")
            + policies.map { $0 ? "1" : "0" }.joined()
    }

    func isEqual(to other: Value) -> Bool? {
        guard case .object(let object) = other, let relation = object as? RelationValue else { return false }
        return relation.hashKey == hashKey
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "database": return database.map(Value.string) ?? Value.none
        case "schema": return schema.map(Value.string) ?? Value.none
        case "identifier", "name", "table": return identifier.map(Value.string) ?? Value.none
        case "type": return type.map(Value.string) ?? Value.none
        case "is_table": return .bool(type == "table")
        case "is_view": return .bool(type == "view")
        case "is_materialized_view": return .bool(type == "materialized_view")
        case "is_cte": return .bool(cteName != nil)
        case "path":
            return .dict([
                ("database", database.map(Value.string) ?? .none), ("schema", schema.map(Value.string) ?? .none),
                ("identifier", identifier.map(Value.string) ?? .none),
            ])
        case "render": return .function("render") { _, _ in .string(self.rendered) }
        case "information_schema", "information_schema_only":
            // dbt's `InformationSchema.from_relation`: `"db".INFORMATION_SCHEMA[.view]`, the
            // database kept whenever the relation has one.
            return .function(name) { arguments, _ in
                let bound = try arguments.bind(["view_name"], defaults: ["view_name": .none], function: name)
                let view = bound["view_name"].stringValue
                let schema = RelationValue(
                    database: self.database, schema: nil, identifier: "INFORMATION_SCHEMA", dialect: self.dialect)
                schema.quotePolicy = (self.quotePolicy.database, false, false)
                schema.includePolicy = (self.database != nil, false, true)
                schema.informationSchemaView = view
                return .object(schema)
            }
        case "get":
            // `BaseRelation.get`: `metadata` is `{'type': <class name>}`, anything else a field.
            return .function("get") { arguments, context in
                let bound = try arguments.bind(["key", "default"], defaults: ["default": .none], function: "get")
                let key = bound["key"].pyStr
                if key == "metadata" { return .dict([("type", .string(self.typeName))]) }
                return try self.attribute(key, context) ?? bound["default"]
            }
        case "include":
            return .function("include") { arguments, _ in
                let bound = try arguments.bind(
                    ["database", "schema", "identifier"],
                    defaults: ["database": .none, "schema": .none, "identifier": .none], function: "include")
                let relation = self.copy()
                if let flag = Self.flag(bound["database"]) { relation.includePolicy.database = flag }
                if let flag = Self.flag(bound["schema"]) { relation.includePolicy.schema = flag }
                if let flag = Self.flag(bound["identifier"]) { relation.includePolicy.identifier = flag }
                return .object(relation)
            }
        case "quote":
            return .function("quote") { arguments, _ in
                let bound = try arguments.bind(
                    ["database", "schema", "identifier"],
                    defaults: ["database": .none, "schema": .none, "identifier": .none], function: "quote")
                let relation = self.copy()
                if let flag = Self.flag(bound["database"]) { relation.quotePolicy.database = flag }
                if let flag = Self.flag(bound["schema"]) { relation.quotePolicy.schema = flag }
                if let flag = Self.flag(bound["identifier"]) { relation.quotePolicy.identifier = flag }
                return .object(relation)
            }
        case "without_identifier":
            return .function("without_identifier") { _, _ in
                let relation = self.copy()
                relation.includePolicy.identifier = false
                return .object(relation)
            }
        case "relation_max_name_length":
            // PostgreSQL's limit on identifiers (NAMEDATALEN - 1), Redshift's.
            return .function("relation_max_name_length") { _, _ in .int(self.dialect.adapterType == "redshift" ? 127 : 63) }
        case "incorporate":
            return .function("incorporate") { arguments, _ in
                let bound = try arguments.bind(
                    ["path", "type"], defaults: ["path": .none, "type": .none], function: "incorporate")
                let relation = self.copy()
                if case .dict(let path) = bound["path"] {
                    if let v = path[string: "database"] { relation.database = v.stringValue }
                    if let v = path[string: "schema"] { relation.schema = v.stringValue }
                    if let v = path[string: "identifier"] { relation.identifier = v.stringValue }
                }
                if let type = bound["type"].stringValue { relation.type = type }
                return .object(relation)
            }
        default: return nil
        }
    }

    private static func flag(_ value: Value) -> Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }
}
