import Checksums
import Foundation
import Jinja
import ProjectModel
import SQLDialect

/// dbt's `adapter` as templates see it in a node of one package: `dispatch` (which searches that
/// package's view of the macros), `quote`, and the introspective calls: answered by the
/// compiler's `queryRunner` while running, and as "nothing exists" offline.
final class AdapterObject: JinjaObject {
    unowned let compiler: ProjectCompiler
    let package: String

    init(compiler: ProjectCompiler, package: String) {
        self.compiler = compiler
        self.package = package
    }

    var typeName: String { "BaseDatabaseWrapper" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        let dialect = compiler.dialect
        switch name {
        case "dispatch":
            return .function("dispatch") { arguments, _ in
                let bound = try arguments.bind(
                    ["macro_name", "macro_namespace", "packages"],
                    defaults: ["macro_namespace": .none, "packages": .none], function: "dispatch")
                if !bound["packages"].isNone {
                    throw RuntimeFailure.raised(
                        "The \"packages\" argument of adapter.dispatch() has been deprecated.\nUse the \"macro_namespace\" argument instead.")
                }
                return try self.dispatch(bound["macro_name"].pyStr, namespace: bound["macro_namespace"].stringValue)
            }
        case "quote":
            return .function("quote") { arguments, _ in
                .string(dialect.quote((arguments.positional.first ?? .none).pyStr))
            }
        case "type": return .function("type") { _, _ in .string(dialect.adapterType) }
        case "get_relation":
            return .function("get_relation") { arguments, context in
                let bound = try arguments.bind(["database", "schema", "identifier"], defaults: [:], function: "get_relation")
                // The answer depends on the warehouse, or on there being none.
                context.observe(ProjectCompiler.warehouseRead)
                guard let runner = self.compiler.queryRunner else { return .none }
                let database = bound["database"].stringValue
                let schema = bound["schema"].pyStr
                let identifier = bound["identifier"].pyStr
                guard let kind = try runner.relationExists(database: database, schema: schema, identifier: identifier) else {
                    return .none
                }
                // Made as dbt-postgres lists relations: with `api.Relation.create`, so the
                // project's `quoting:` applies.
                let relation = RelationValue(
                    database: database, schema: schema, identifier: identifier, type: kind, dialect: dialect)
                relation.applyQuoting(self.compiler.root.config.quoting)
                return .object(relation)
            }
        case "get_columns_in_relation":
            return .function("get_columns_in_relation") { arguments, context in
                context.observe(ProjectCompiler.warehouseRead)
                guard let runner = self.compiler.queryRunner,
                    case .object(let object) = arguments.positional.first ?? .none,
                    let relation = object as? RelationValue, let schema = relation.schema, let identifier = relation.identifier
                else { return .list([]) }
                let columns = try runner.columns(database: relation.database, schema: schema, identifier: identifier)
                let postgres = dialect.adapterType == "postgres"
                return .list(columns.map { .object(ColumnValue.fromDescription($0.name, $0.dataType, postgres: postgres)) })
            }
        case "check_schema_exists", "already_exists":
            return .function(name) { _, _ in .bool(false) }
        case "list_relations_without_caching", "get_missing_columns":
            return .function(name) { _, _ in .list([]) }
        case "drop_relation", "truncate_relation", "rename_relation", "create_schema", "drop_schema":
            return .function(name) { arguments, _ in
                // Offline (compiling, planning) they change nothing, as the introspective calls
                // find nothing.
                guard let runner = self.compiler.queryRunner else { return .string("") }
                try self.change(name, arguments, runner: runner)
                return .string("")
            }
        case "expand_target_column_types", "cache_added", "cache_dropped", "cache_renamed":
            return .function(name) { _, _ in .string("") }
        case "commit":
            return .function(name) { _, _ in
                try self.compiler.queryRunner?.commit()
                return .string("")
            }
        case "standardize_grants_dict":
            // `BaseAdapter.standardize_grants_dict`: the `grantee`/`privilege_type` rows of a
            // grants query as a grants config (`{privilege: [grantee, ...]}`), in row order.
            return .function(name) { arguments, _ in
                guard case .object(let object) = arguments.positional.first ?? .none, let result = object as? QueryTableValue else {
                    throw RuntimeFailure.type("standardize_grants_dict() takes the table of a grants query")
                }
                let table = result.table
                guard let grantee = table.columnNames.firstIndex(of: "grantee"),
                    let privilege = table.columnNames.firstIndex(of: "privilege_type")
                else { throw RuntimeFailure.raised("standardize_grants_dict(): the table has no grantee and privilege_type columns") }
                var grants: [(String, [Value])] = []
                for row in table.rows where grantee < row.count && privilege < row.count {
                    let name = QueryTableValue.value(row[privilege]).pyStr
                    let who = QueryTableValue.value(row[grantee])
                    if let index = grants.firstIndex(where: { $0.0 == name }) {
                        grants[index].1.append(who)
                    } else {
                        grants.append((name, [who]))
                    }
                }
                return .dict(grants.map { ($0.0, Value.list($0.1)) })
            }
        case "parse_index":
            return .function(name) { arguments, _ in
                let raw = arguments.positional.first ?? arguments.keyword("raw_index") ?? .none
                return try IndexConfigValue.parse(raw, dialect: dialect).map(Value.object) ?? .none
            }
        case "quote_as_configured":
            return .function(name) { arguments, _ in
                .string(dialect.quote((arguments.positional.first ?? .none).pyStr))
            }
        case "behavior":
            // Behaviour flags dbt adapters expose; Weir takes each flag's documented default.
            return .object(BehaviorFlags())
        case "config":
            return .dict([("credentials", compiler.target.publicFields.jinjaValue)])
        default: return nil
        }
    }

    /// The adapter's methods that change the warehouse, with the SQL of dbt's default macros
    /// for them (`drop_relation`, `truncate_relation`, `rename_relation`) and the warehouse's
    /// own way for schemas (SQLite attaches a schema's file).
    private func change(_ method: String, _ arguments: Arguments, runner: any QueryRunner) throws {
        let dialect = compiler.dialect
        func relation(_ position: Int, _ keyword: String) throws -> RelationValue {
            let value = position < arguments.positional.count ? arguments.positional[position] : arguments.keyword(keyword) ?? .none
            guard case .object(let object) = value, let relation = object as? RelationValue else {
                throw RuntimeFailure.raised("adapter.\(method)() takes a relation (api.Relation.create(...)) as '\(keyword)', not \(value.pyRepr)")
            }
            return relation
        }
        func onWarehouse(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch {
                throw RuntimeFailure.raised("Database Error\n  \(error)")
            }
        }
        func run(_ sql: String) throws { try onWarehouse { _ = try runner.run(sql, fetch: false) } }
        func schema(of relation: RelationValue) throws -> String {
            guard let schema = relation.schema else {
                throw RuntimeFailure.raised("adapter.\(method)() needs a relation with a schema")
            }
            return schema
        }
        switch method {
        case "drop_relation":
            let target = try relation(0, "relation")
            guard let type = target.type else {
                throw RuntimeFailure.raised(
                    "adapter.drop_relation() needs the relation's type: create it with type='table' or type='view', or take it from adapter.get_relation()")
            }
            try run(dialect.drop(rendered: target.rendered, kind: SQLDialect.RelationKind(rawValue: type)?.keyword ?? type))
        case "truncate_relation":
            let target = try relation(0, "relation")
            try run((dialect.adapterType == "sqlite" ? "delete from " : "truncate table ") + target.rendered)
        case "rename_relation":
            let from = try relation(0, "from_relation")
            let to = try relation(1, "to_relation")
            try run(dialect.rename(rendered: from.rendered, kind: from.type.flatMap(SQLDialect.RelationKind.init(rawValue:)) ?? .table, to: to.identifier ?? ""))
        case "create_schema":
            let schema = try schema(of: relation(0, "relation"))
            try onWarehouse { try runner.createSchema(schema) }
        default:
            let schema = try schema(of: relation(0, "relation"))
            try onWarehouse { try runner.dropSchema(schema) }
        }
    }

    /// dbt's `BaseDatabaseWrapper.dispatch`: for each package of the search order and each
    /// adapter prefix (`postgres__`, then `default__`), the first macro found.
    func dispatch(_ macroName: String, namespace: String?) throws -> Value {
        // Macros are all known once parsing starts, so each search is done once per invocation:
        // cross-database macros dispatch on every call, thousands of times in a large project.
        let key = [package, namespace ?? "", macroName]
        return try compiler.dispatchResults.value(for: key) { try search(macroName, namespace: namespace) }
    }

    private func search(_ macroName: String, namespace: String?) throws -> Value {
        let (macro, attempts) = compiler.dispatchTarget(macroName, namespace: namespace, from: package)
        if let macro { return macro.value }
        let searched = attempts.map { "'\($0)'" }.joined(separator: ", ")
        throw RuntimeFailure.raised(
            "In dispatch: No macro named '\(macroName)' found within namespace: '\(namespace ?? "None")'\n    Searched for: \(searched)")
    }
}

extension ProjectCompiler {
    /// What `adapter.dispatch(macroName, namespace)` finds from a node or macro of `package`:
    /// the search order the root project's `dispatch:` gives the namespace (else the root
    /// project, then the namespace), each package's `<adapter>__`, ..., `default__` candidates in
    /// turn; and every name it tried, for the error when nothing is found.
    func dispatchTarget(
        _ macroName: String, namespace: String?, from package: String
    ) -> (macro: RegisteredMacro?, attempts: [String]) {
        var searchPackages: [String?] = [nil]
        if let namespace {
            if let order = root.config.dispatch.first(where: { $0.macroNamespace == namespace })?.searchOrder {
                searchPackages = order
            } else if namespace == "dbt" || self.package(named: namespace) != nil {
                searchPackages = [root.config.name, namespace]
            }
        }
        var attempts: [String] = []
        for searched in searchPackages {
            for candidate in dialect.dispatchCandidates(for: macroName) {
                let macro: RegisteredMacro?
                if let searched {
                    macro = searched == "dbt" ? registry.internalMacro(candidate) : registry.macro(candidate, inPackage: searched)
                    attempts.append("\(searched).\(candidate)")
                } else {
                    macro = registry.lookup(candidate, from: package)
                    attempts.append(candidate)
                }
                if let macro { return (macro, attempts) }
            }
        }
        return (nil, attempts)
    }
}

/// `adapter.behavior.<flag>` (and `.no_warn`): every flag off, as on a fresh project.
final class BehaviorFlags: JinjaObject {
    var typeName: String { "Behavior" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        .object(BehaviorFlag())
    }
}

final class BehaviorFlag: JinjaObject {
    var typeName: String { "BehaviorFlag" }
    var isTruthy: Bool { false }
    var pyStr: String { "False" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        name == "no_warn" || name == "setting" ? .bool(false) : nil
    }
}

/// dbt-postgres's `PostgresIndexConfig`, as `adapter.parse_index(index_dict)` returns it:
/// `columns`, `unique`, `type`, and `render(relation)`, the index's name.
final class IndexConfigValue: JinjaObject {
    let columns: [String]
    let unique: Bool
    let type: String?

    init(columns: [String], unique: Bool, type: String?) {
        self.columns = columns
        self.unique = unique
        self.type = type
    }

    var typeName: String { "PostgresIndexConfig" }

    /// The index of an `indexes` entry; nil for none; dbt's error for one that is not an index.
    static func parse(_ raw: Value, dialect: SQLDialect) throws -> IndexConfigValue? {
        guard !raw.isNone else { return nil }
        guard case .dict(let entries) = raw, case .list(let columns)? = entries[.string("columns")],
            columns.items.allSatisfy({ $0.stringValue != nil })
        else {
            throw RuntimeFailure.raised("Could not parse index config: \(raw.pyRepr)")
        }
        let unique = entries[.string("unique")]?.isTruthy ?? false
        let type = entries[.string("type")].flatMap { $0.isNone ? nil : $0.pyStr }
        return IndexConfigValue(columns: columns.items.map(\.pyStr), unique: unique, type: type)
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "columns": return .list(columns.map(Value.string))
        case "unique": return .bool(unique)
        case "type": return type.map(Value.string) ?? Value.none
        case "render":
            // dbt-postgres names an index by the md5 of its definition, the relation and the time
            // (so that a rebuilt table's index never collides with the old one's).
            return .function(name) { arguments, _ in
                let relation = (arguments.positional.first ?? .none)
                let rendered: String
                if case .object(let object) = relation, let value = object as? RelationValue {
                    rendered = value.rendered
                } else {
                    rendered = relation.pyStr
                }
                let now = ISO8601DateFormatter.string(
                    from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current,
                    formatOptions: [.withInternetDateTime, .withFractionalSeconds])
                let inputs = self.columns + [rendered, self.unique ? "True" : "False", self.type ?? "None", now]
                return .string(MD5.hash(inputs.joined(separator: "_")).hex)
            }
        default: return nil
        }
    }
}
