import Diagnostics
import Foundation
import ProjectModel
import SQLDialect
import Warehouse

/// A model's enforced contract as the planner applies it, as dbt's `assert_columns_equivalent`
/// and `get_table_columns_and_constraints` do: before anything is built, the query's columns
/// must be the declared ones, with the declared types; a table (or an incremental model's
/// first build) is then created with the declared columns, types and constraints and filled
/// with `insert ... select`, so the warehouse checks every row against the constraints.
struct ModelContract {
    struct Column {
        var name: String
        /// The name as the DDL writes it: quoted when the column says `quote: true`.
        var sqlName: String
        /// The declared type, translated when `alias_types` is on; nil when missing.
        var type: String?
        var constraints: [Constraint]
    }

    let node: ManifestNode
    let dialect: SQLDialect
    let columns: [Column]

    /// Nil when the node has no enforced contract to apply (ephemeral models build nothing).
    init?(_ node: ManifestNode, dialect: SQLDialect) {
        guard node.resourceType == .model, node.contractEnforced, !node.isEphemeral else { return nil }
        self.node = node
        self.dialect = dialect
        // dbt keys the columns by name: a repeated name keeps its first place and last declaration.
        var columns: [Column] = []
        for info in node.columns {
            let column = Column(
                name: info.name, sqlName: info.quote == true ? dialect.quote(info.name) : info.name,
                type: info.dataType.map { node.contractAliasesTypes ? dialect.aliasType($0) : $0 },
                constraints: info.columnConstraints)
            if let index = columns.firstIndex(where: { $0.name == info.name }) {
                columns[index] = column
            } else {
                columns.append(column)
            }
        }
        self.columns = columns
    }

    // MARK: - The preflight check

    /// The declared columns and types, as `get_empty_schema_sql` lists them (for the warehouse
    /// to describe); nil while a column has no type (`verify` reports that).
    var declaredColumns: [(name: String, type: String)]? {
        guard columns.allSatisfy({ $0.type != nil }) else { return nil }
        return columns.map { ($0.sqlName, $0.type ?? "") }
    }

    /// dbt's `assert_columns_equivalent`: throws when the model's columns differ from the
    /// contract's in name, type or number. Returns the warnings found on the way. The names and
    /// types are compared only when the query was described (not when planning offline).
    func verify(_ facts: RelationFacts) throws -> [Diagnostic] {
        guard !columns.isEmpty else { throw ContractFailure.columnsMissing(node) }
        let untyped = columns.filter { $0.type == nil }.map(\.name)
        if !untyped.isEmpty { throw ContractFailure.dataTypeMissing(node, columns: untyped) }
        var warnings: [Diagnostic] = []
        let unsized = columns.filter {
            ["numeric", "decimal", "number"].contains(($0.type ?? "").trimmed.lowercased())
        }
        if !unsized.isEmpty {
            warnings.append(ContractFailure.numericWithoutPrecision(node, columns: unsized.map(\.name)))
        }
        guard let query = facts.queryColumns else { return warnings }
        let declared: [ColumnDescription]
        if dialect.describesDeclaredTypes {
            guard let described = facts.contractColumns else { return warnings }
            declared = described
        } else {
            declared = columns.map { ColumnDescription(name: $0.name, dataType: $0.type ?? "") }
        }
        let mismatches = ContractMismatch.find(
            model: query.map(typed), contract: declared.map(typed),
            sameName: dialect.describesDeclaredTypes ? { $0 == $1 } : { $0.lowercased() == $1.lowercased() })
        if let mismatches { throw ContractFailure.mismatch(node, mismatches) }
        return warnings
    }

    private func typed(_ column: ColumnDescription) -> ContractMismatch.Column {
        ContractMismatch.Column(name: column.name, type: dialect.contractTypeName(column.dataType))
    }

    // MARK: - The DDL

    /// The column lines and model-level constraints of `create table`, with the warnings dbt
    /// gives for constraints the warehouse does not enforce or support.
    func definitions() -> (lines: [String], warnings: [Diagnostic]) {
        var warnings: [Diagnostic] = []
        var lines: [String] = []
        for column in columns {
            let rendered = column.constraints.compactMap { constraint in
                supported(constraint, warnings: &warnings) ? renderColumnConstraint(constraint) : nil
            }
            lines.append(([column.sqlName + " " + (column.type ?? "")] + rendered).joined(separator: " "))
        }
        for constraint in node.modelConstraints where supported(constraint, warnings: &warnings) {
            if let line = renderModelConstraint(constraint) { lines.append(line) }
        }
        return (lines, warnings)
    }

    /// dbt's `process_parsed_constraint`: a custom constraint always goes in; others as the
    /// warehouse supports them, with a warning unless the constraint turns it off.
    private func supported(_ constraint: Constraint, warnings: inout [Diagnostic]) -> Bool {
        guard constraint.kind != .custom else { return true }
        switch dialect.constraintSupport(constraint.kind.rawValue) {
        case .enforced:
            return true
        case .notEnforced:
            if constraint.warnUnenforced {
                warnings.append(ContractFailure.notEnforced(constraint, node: node, dialect: dialect))
            }
            return true
        case .notSupported:
            if constraint.warnUnsupported {
                warnings.append(ContractFailure.notSupported(constraint, node: node, dialect: dialect))
            }
            return false
        }
    }

    /// A foreign key's `to`, as the compiler resolved it.
    private func target(_ constraint: Constraint) -> String? {
        constraint.to.map { node.foreignKeyTargets[$0] ?? $0 }
    }

    /// dbt's `render_column_constraint`.
    func renderColumnConstraint(_ constraint: Constraint) -> String? {
        let expression = constraint.expression ?? ""
        let rendered: String?
        switch constraint.kind {
        case .check: rendered = expression.isEmpty ? nil : "check (\(expression))"
        case .notNull: rendered = "not null \(expression)"
        case .unique: rendered = "unique \(expression)"
        case .primaryKey: rendered = "primary key \(expression)"
        case .foreignKey:
            if let to = target(constraint), !constraint.toColumns.isEmpty {
                rendered = "references \(to) (\(constraint.toColumns.joined(separator: ", ")))"
            } else {
                rendered = expression.isEmpty ? nil : "references \(expression)"
            }
        case .custom: rendered = expression.isEmpty ? nil : expression
        }
        return rendered.map { $0.trimmed }
    }

    /// dbt's `render_model_constraint`.
    func renderModelConstraint(_ constraint: Constraint) -> String? {
        // Python's truthiness: an empty name or expression counts as none.
        let name = constraint.name.flatMap { $0.isEmpty ? nil : $0 }
        let given = constraint.expression.flatMap { $0.isEmpty ? nil : $0 }
        let prefix = name.map { "constraint \($0) " } ?? ""
        let columns = constraint.columns.joined(separator: ", ")
        let expression = given.map { " \($0)" } ?? ""
        switch constraint.kind {
        case .check: return given.map { "\(prefix)check (\($0))" }
        case .unique: return "\(prefix)unique\(expression) (\(columns))"
        case .primaryKey: return "\(prefix)primary key\(expression) (\(columns))"
        case .foreignKey:
            if let to = target(constraint), !constraint.toColumns.isEmpty {
                return
                    "\(prefix)foreign key (\(columns)) references \(to) (\(constraint.toColumns.joined(separator: ", ")))"
            }
            return given.map { "\(prefix)foreign key (\(columns)) references \($0)" }
        case .notNull: return nil
        case .custom: return given.map { "\(prefix)\($0)" }
        }
    }

    /// The contracted `create table` and the `insert` that fills it (the planner collects the
    /// definitions' warnings once, in `plan`).
    func createTable(_ relation: RelationName, sql: String) -> String {
        dialect.createContractedTable(
            relation, definitions: definitions().lines, columns: columns.map(\.sqlName), sql: sql,
            header: node.config["sql_header"]?.stringValue)
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
