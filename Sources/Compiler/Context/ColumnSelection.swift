import Contracts
import Jinja
import Parallelism
import PythonModules

/// Selecting columns by name: `weir.starts_with('n_', ref('x'))` and its kin, also reachable
/// under dbtplyr's names (`dbtplyr.starts_with`) for projects that call them without the package.
///
/// dbtplyr reads a relation's columns from the warehouse, so its helpers return nothing until
/// `execute` and until the relation exists. These read, in order: the columns schema inference
/// found for the model (known before it is built), the warehouse's, then the YAML's declared ones.
/// Matching follows dbtplyr: Python's `re.match` ignoring case, patterns not escaped.
struct ColumnSelection {
    unowned let compiler: ProjectCompiler

    /// The helpers that read a relation's columns (the others take lists of names).
    static let relationReading = [
        "get_column_names", "starts_with", "ends_with", "contains", "not_contains", "matches", "one_of", "not_one_of",
        "everything", "where",
    ]
    static let names = Set(relationReading + ["across", "c_across", "if_any", "if_all"])

    func function(_ name: String) -> Value? {
        guard Self.names.contains(name) else { return nil }
        return .function(name) { arguments, context in try self.call(name, arguments, context) }
    }

    private func call(_ name: String, _ arguments: Arguments, _ context: CallContext) throws -> Value {
        switch name {
        case "get_column_names", "everything":
            let bound = try arguments.bind(["relation"], function: name)
            return .list(PyList(try columns(bound["relation"], context).map { .string($0.name) }))
        case "starts_with", "ends_with", "contains", "not_contains", "matches":
            let bound = try arguments.bind(["string", "relation"], function: name)
            let text = bound["string"].pyStr
            let pattern: String
            switch name {
            case "starts_with": pattern = "^" + text + ".*"
            case "ends_with": pattern = "^.*" + text + "$"
            case "contains": pattern = "^.*" + text + ".*$"
            case "not_contains": pattern = "^((?!" + text + ").)*$"
            default: pattern = text
            }
            return try matching(pattern, in: bound["relation"], context)
        case "one_of":
            let bound = try arguments.bind(["strings", "relation"], function: name)
            let alternatives = try bound["strings"].iterate(context).map(\.pyStr).joined(separator: "|")
            return try matching("^(" + alternatives + ")$", in: bound["relation"], context)
        case "not_one_of":
            let bound = try arguments.bind(["strings", "relation"], function: name)
            let excluded = try bound["strings"].iterate(context).map(\.pyStr)
            return .list(PyList(try columns(bound["relation"], context).map(\.name).filter { !excluded.contains($0) }.map(Value.string)))
        case "where":
            let bound = try arguments.bind(["fn", "relation"], function: name)
            let check = bound["fn"].pyStr
            let selected = try columns(bound["relation"], context).filter { try Self.satisfies($0.type, check, adapterType: compiler.dialect.adapterType) }
            return .list(PyList(selected.map { .string($0.name) }))
        case "across":
            let bound = try arguments.bind(
                ["var_list", "script_string", "final_comma"], defaults: ["script_string": .string("{{var}}"), "final_comma": .bool(false)],
                function: name)
            let script = bound["script_string"].pyStr
            let items = try bound["var_list"].iterate(context).map { script.replacingOccurrences(of: "{{var}}", with: $0.pyStr) }
            return .string(items.joined(separator: ",") + (!items.isEmpty && bound["final_comma"].isTruthy ? "," : ""))
        case "c_across":
            let bound = try arguments.bind(["var_list", "script_string"], function: name)
            let script = bound["script_string"].pyStr
            let names = try bound["var_list"].iterate(context).map(\.pyStr)
            if script.count < 2 { return .string(names.joined(separator: script)) }
            return .string(script.replacingOccurrences(of: "{{var}}", with: names.joined(separator: ",")))
        default:  // if_any, if_all: dbtplyr's macros render their result between a newline and indent and a newline.
            let bound = try arguments.bind(["var_list", "script_string"], function: name)
            let script = bound["script_string"].pyStr
            let terms = try bound["var_list"].iterate(context).map { "(" + script.replacingOccurrences(of: "{{var}}", with: $0.pyStr) + ")" }
            return .string("\n    " + terms.joined(separator: name == "if_any" ? " or " : " and ") + "\n")
        }
    }

    /// A relation's columns, or the list itself when given a list of names (as dbtplyr allows).
    private func columns(_ relation: Value, _ context: CallContext) throws -> [(name: String, type: String)] {
        guard case .object(let object) = relation, let relation = object as? RelationValue else {
            return try relation.iterate(context).map { ($0.pyStr, "") }
        }
        return try compiler.columns(of: relation)
    }

    private func matching(_ pattern: String, in relation: Value, _ context: CallContext) throws -> Value {
        guard case .object(let re)? = Self.re, let match = try re.attribute("match", context),
            let ignoreCase = try re.attribute("IGNORECASE", context)
        else { return .list(PyList([])) }
        var selected: [Value] = []
        for column in try columns(relation, context) where try context.call(match, Arguments([.string(pattern), .string(column.name), ignoreCase])).isTruthy {
            selected.append(.string(column.name))
        }
        return .list(PyList(selected))
    }

    private static let re = PythonModules.modules()["re"]

    /// dbtplyr's type checks (dbt's `Column` predicates), plus the vocabulary's type categories
    /// (`where('integer', ...)`), which also read SQLite's affinities.
    static func satisfies(_ type: String, _ check: String, adapterType: String) throws -> Bool {
        let column = ColumnValue(column: "", dtype: type)
        switch check {
        case "is_character", "is_string": return column.isString
        case "is_number": return column.isInteger || column.isFloat || column.isNumeric
        case "is_float": return column.isFloat
        case "is_numeric": return column.isNumeric
        case "is_integer": return column.isInteger
        default:
            guard let category = TypeCategory(rawValue: check) else {
                throw RuntimeFailure.value(
                    "where() takes is_character, is_number, is_float, is_numeric, is_integer or a type category (\(TypeCategory.allCases.map(\.rawValue).joined(separator: ", "))), not '\(check)'")
            }
            return TypeCategory.categories(ofWarehouseType: type, adapterType: adapterType)?.contains(category) ?? false
        }
    }
}

extension ProjectCompiler {
    /// What `weir.starts_with()` and its kin see of a relation: inferred, then the warehouse's,
    /// then declared columns.
    func columns(of relation: RelationValue) throws -> [(name: String, type: String)] {
        let id = nodeID(of: relation)
        if let id, let inferred = inferredColumns[id] { return inferred.map { ($0.name, $0.dataType) } }
        if let queryRunner, relation.cteName == nil, let schema = relation.schema, let identifier = relation.identifier {
            let columns = try queryRunner.columns(database: relation.database, schema: schema, identifier: identifier)
            if !columns.isEmpty { return columns.map { ($0.name, $0.dataType) } }
        }
        guard let id else { return [] }
        let manifest = manifestBeforeProperties ?? self.manifest
        let declared = manifest.nodes[id]?.columns ?? manifest.sources[id]?.columns ?? []
        return declared.map { ($0.name, $0.dataType ?? "") }
    }

    /// The model, seed, snapshot or source a relation stands for.
    private func nodeID(of relation: RelationValue) -> String? {
        let index = relationIndex.value {
            let manifest = manifestBeforeProperties ?? self.manifest
            var index: [String: String] = [:]
            for (id, node) in manifest.nodes where node.resourceType.isRelational {
                if let name = node.relationName { index[name] = id }
                if node.isEphemeral { index["__dbt__cte__" + node.name] = id }
            }
            for (id, source) in manifest.sources { if let name = source.relationName { index[name] = id } }
            return index
        }
        return index[relation.rendered]
    }
}

/// `dbtplyr.…` for projects that do not install the package: the same helpers as `weir.…`.
final class DbtplyrNamespace: JinjaObject {
    unowned let compiler: ProjectCompiler

    init(compiler: ProjectCompiler) { self.compiler = compiler }

    var typeName: String { "Namespace" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        ColumnSelection(compiler: compiler).function(name)
    }
}

extension ProjectCompiler {
    /// The column selection helpers (`weir.starts_with`...) that read a relation's columns, which
    /// must then be known before the model compiles.
    package static var columnSelectionHelpersReadingRelations: [String] { ColumnSelection.relationReading }
}
