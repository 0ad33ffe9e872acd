import Checksums
import Jinja
import ProjectModel

/// dbt's `ModelNode.build_contract_checksum`: the SHA-256 of a text that strings together, for
/// each column sorted by name, `|<name><data_type><constraints>`, then for a table or an
/// incremental model its materialization and model constraints, where the constraints are the
/// Python `repr` of dbt's constraint dataclasses. The checksum says whether a contract changed
/// between two manifests (`--state`), so it must be dbt's to the byte.
enum ContractChecksum {
    /// Nil when the contract is not enforced (dbt leaves it `null` then).
    static func of(_ node: ManifestNode) -> String? {
        guard node.contractEnforced else { return nil }
        // dbt keys columns by name, so a repeated name keeps its last declaration.
        var byName: [String: ColumnInfo] = [:]
        for column in node.columns { byName[column.name] = column }
        // Python sorts strings by code point.
        let sorted = byName.values.sorted {
            $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars)
        }
        var state = ""
        for column in sorted {
            state +=
                "|" + column.name + (column.dataType ?? "None")
                + repr(column.columnConstraints, modelLevel: false)
        }
        if node.materializationEnforcesConstraints {
            state += node.materialized + repr(node.modelConstraints, modelLevel: true)
        }
        return SHA256.hash(state).hex
    }

    /// `str(list_of_constraints)`: `[ColumnLevelConstraint(type=<ConstraintType.not_null: 'not_null'>, ...)]`.
    static func repr(_ constraints: [Constraint], modelLevel: Bool) -> String {
        "[" + constraints.map { repr($0, modelLevel: modelLevel) }.joined(separator: ", ") + "]"
    }

    static func repr(_ constraint: Constraint, modelLevel: Bool) -> String {
        let type = constraint.kind.rawValue
        var fields = [
            "type=<ConstraintType.\(type): \(pyStringRepr(type))>",
            "name=\(optional(constraint.name))",
            "expression=\(optional(constraint.expression))",
            "warn_unenforced=\(constraint.warnUnenforced ? "True" : "False")",
            "warn_unsupported=\(constraint.warnUnsupported ? "True" : "False")",
            "to=\(optional(constraint.to))",
            "to_columns=\(list(constraint.toColumns))",
        ]
        if modelLevel { fields.append("columns=\(list(constraint.columns))") }
        return (modelLevel ? "ModelLevelConstraint(" : "ColumnLevelConstraint(")
            + fields.joined(separator: ", ") + ")"
    }

    private static func optional(_ text: String?) -> String { text.map(pyStringRepr) ?? "None" }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(pyStringRepr).joined(separator: ", ") + "]"
    }
}
