import Artifacts
import Diagnostics
import Foundation
import ProjectModel
import SQLDialect

/// Breaking changes to enforced contracts against a previous project (`--state`), as dbt's
/// `ModelNode.same_contract` and `same_contract_removed` find them: enforcement removed,
/// columns removed, a column's base type changed (`varchar(3)` → `varchar(10)` is not a
/// change), an enforced constraint removed from a table, a table with constraints turned into a
/// view. A breaking change to an unversioned model is a warning (W1815); to a versioned model,
/// an error (W1816), since its consumers were promised that version.
enum ContractChanges {
    /// The warnings for the current project against the previous one; throws the first error.
    static func check(
        _ current: Manifest, previous: [ContractRecord], dialect: SQLDialect, now: Date = Date()
    ) throws -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        func report(_ changes: [String], _ record: ContractRecord) throws {
            guard !changes.isEmpty else { return }
            if record.versioned { throw versionedChange(record, changes) }
            warnings.append(unversionedChange(record, changes))
        }
        let previousByID = Dictionary(previous.map { ($0.uniqueID, $0) }, uniquingKeysWith: { $1 })
        for id in current.nodes.keys.sorted() {
            guard let node = current.nodes[id], let old = previousByID[id], old.enforced else { continue }
            let record = ContractRecord(node)
            try report(breakingChanges(old, record, dialect: dialect), record)
        }
        for old in previous.sorted(by: { $0.uniqueID < $1.uniqueID }) where current.nodes[old.uniqueID] == nil
        {
            let removed = current.disabled[old.uniqueID]?.first.map(ContractRecord.init) ?? old
            try report(removal(removed, now: now), removed)
        }
        return warnings
    }

    /// dbt's `same_contract`: what breaks the previous contract, in dbt's words and order.
    static func breakingChanges(_ old: ContractRecord, _ new: ContractRecord, dialect: SQLDialect) -> [String]
    {
        guard old.enforced else { return [] }
        if new.enforced, new.checksum == old.checksum { return [] }
        let enforced = { (constraint: Constraint) in
            constraint.kind != .custom && dialect.constraintSupport(constraint.kind.rawValue) == .enforced
        }
        var columnsRemoved: [String] = []
        var typeChanges: [String] = []
        var columnConstraintsRemoved: [String] = []
        var columnConstraintsExist = false
        for key in old.columns.keys.sorted(by: {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
        }) {
            guard let column = old.columns[key] else { continue }
            if let current = new.columns[key] {
                if column.dataType != current.dataType,
                    baseType(column.dataType) != baseType(current.dataType)
                {
                    typeChanges.append(
                        "\(column.name) (\(column.dataType ?? "None") -> \(current.dataType ?? "None"))")
                }
                if old.enforcesConstraints, column.constraints != current.constraints {
                    for constraint in column.constraints
                    where !current.constraints.contains(constraint) && enforced(constraint) {
                        columnConstraintsRemoved.append("'\(label(constraint))' constraint on column \(key)")
                    }
                }
            } else {
                columnsRemoved.append(column.name)
            }
            if !column.constraints.isEmpty { columnConstraintsExist = true }
        }
        var modelConstraintsRemoved: [String] = []
        if old.enforcesConstraints, old.constraints != new.constraints {
            for constraint in old.constraints
            where !new.constraints.contains(constraint) && enforced(constraint) {
                let columns = "[" + constraint.columns.map { "'\($0)'" }.joined(separator: ", ") + "]"
                modelConstraintsRemoved.append("'\(label(constraint))' constraint on columns \(columns)")
            }
        }
        var changes: [String] = []
        if !new.enforced {
            changes.append(
                "Contract enforcement was removed: Previously, this model had an enforced contract. It is no longer configured to enforce its contract, and this is a breaking change."
            )
        }
        func list(_ title: String, _ items: [String]) {
            if !items.isEmpty { changes.append("\(title): \n    - " + items.joined(separator: "\n    - ")) }
        }
        list("Columns were removed", columnsRemoved)
        list("Columns with data_type changes", typeChanges)
        list("Enforced column level constraints were removed", columnConstraintsRemoved)
        list("Enforced model level constraints were removed", modelConstraintsRemoved)
        if old.enforcesConstraints, !new.enforcesConstraints,
            !old.constraints.isEmpty || columnConstraintsExist
        {
            list(
                "Materialization changed with enforced constraints",
                ["\(old.materialized) -> \(new.materialized)"])
        }
        return changes
    }

    /// dbt's `same_contract_removed`: a contracted model that was deleted, renamed or disabled,
    /// unless it was past its deprecation date.
    static func removal(_ record: ContractRecord, now: Date) -> [String] {
        guard record.enforced, !record.isPastDeprecationDate(now: now) else { return [] }
        return [
            record.enabled
                ? "Contracted model '\(record.uniqueID)' was deleted or renamed."
                : "Contracted model '\(record.uniqueID)' was disabled."
        ]
    }

    /// dbt's `_normalize_data_type_for_comparison`: the type without its size, precision or scale.
    static func baseType(_ type: String?) -> String? {
        guard let type, !type.isEmpty else { return type }
        return String(type.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A removed constraint as dbt names it: its name, else its type as Python formats the enum.
    private static func label(_ constraint: Constraint) -> String {
        constraint.name ?? "ConstraintType.\(constraint.kind.rawValue)"
    }

    /// W1815 (warning): dbt's `UnversionedBreakingChange`.
    static func unversionedChange(_ record: ContractRecord, _ changes: [String]) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1815",
            message: """
                Breaking change to contracted, unversioned model \(record.name) (\(record.originalFilePath))
                While comparing to previous project state, dbt detected a breaking change to an unversioned model.
                  - \(changes.joined(separator: "\n  - "))
                """,
            help: "consumers of this model may break; make an additive change, or add a model version",
            event: "UnversionedBreakingChange")
    }

    /// W1816: dbt's `ContractBreakingChangeError`.
    static func versionedChange(_ record: ContractRecord, _ changes: [String]) -> Diagnostic {
        Diagnostic(
            code: "W1816",
            message: """
                While comparing to previous project state, dbt detected a breaking change to an enforced contract.
                  - \(changes.joined(separator: "\n  - "))
                Consider making an additive (non-breaking) change instead, if possible.
                Otherwise, create a new model version: https://docs.getdbt.com/docs/collaborate/govern/model-versions
                """,
            file: SourceFile(name: record.originalFilePath, text: ""),
            help:
                "model '\(record.name)' is versioned: keep this version's contract and put the change in a new version"
        )
    }
}
