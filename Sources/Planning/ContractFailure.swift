import Diagnostics
import Foundation
import ProjectModel
import SQLDialect

/// The contract diagnostics found just before a model builds (W1801–W1806), with dbt's
/// messages. Each names the model's file; the help names the properties file that declares
/// the contract.
enum ContractFailure {
    /// W1801: dbt's `ContractError` with its table of mismatches.
    static func mismatch(_ node: ManifestNode, _ mismatch: ContractMismatch) -> Diagnostic {
        Diagnostic(
            code: "W1801",
            message: """
                This model has an enforced contract that failed.
                Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.

                \(mismatch.table)
                """,
            file: modelFile(node),
            help:
                "make the model's query return the declared columns with the declared types (cast them if need be), "
                + "or change the contract\(declaredIn(node))")
    }

    /// W1802: an enforced contract on a model whose properties declare no columns.
    static func columnsMissing(_ node: ManifestNode) -> Diagnostic {
        Diagnostic(
            code: "W1802",
            message: "This model has an enforced contract, and its 'columns' specification is missing",
            file: modelFile(node),
            help:
                "declare the model's columns, each with its data_type, in a properties file (`models: [{name: \(node.name), columns: [...]}]`)"
        )
    }

    /// W1803: dbt's `column_type_missing`.
    static func dataTypeMissing(_ node: ManifestNode, columns: [String]) -> Diagnostic {
        Diagnostic(
            code: "W1803",
            message:
                "Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the \(pythonList(columns)) column(s).",
            file: modelFile(node), help: "give each column a data_type\(declaredIn(node))")
    }

    /// W1804 (warning): dbt's warning from `get_empty_schema_sql`, backquote included.
    static func numericWithoutPrecision(_ node: ManifestNode, columns: [String]) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1804",
            message:
                "Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: \(pythonList(columns))`",
            file: modelFile(node),
            help: "declare the precision and scale, such as numeric(12,2)\(declaredIn(node))",
            event: "JinjaLogWarning")
    }

    /// W1805 (warning): dbt's `ConstraintNotEnforced`.
    static func notEnforced(_ constraint: Constraint, node: ManifestNode, dialect: SQLDialect) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1805",
            message:
                "The constraint type \(constraint.kind.rawValue) is not enforced by \(dialect.adapterType). The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.",
            file: modelFile(node), event: "ConstraintNotEnforced")
    }

    /// W1806 (warning): dbt's `ConstraintNotSupported`.
    static func notSupported(_ constraint: Constraint, node: ManifestNode, dialect: SQLDialect) -> Diagnostic
    {
        Diagnostic(
            .warning, code: "W1806",
            message:
                "The constraint type \(constraint.kind.rawValue) is not supported by \(dialect.adapterType), and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.",
            file: modelFile(node), event: "ConstraintNotSupported")
    }

    private static func modelFile(_ node: ManifestNode) -> SourceFile {
        SourceFile(name: node.originalFilePath, text: node.rawCode)
    }

    private static func declaredIn(_ node: ManifestNode) -> String {
        guard let patch = node.patchPath, let range = patch.range(of: "://") else { return "" }
        return " in \(patch[range.upperBound...])"
    }

    /// Python's `str()` of a list of strings: `['a', 'b']`.
    private static func pythonList(_ items: [String]) -> String {
        "["
            + items.map {
                "'"
                    + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                        of: "'", with: "\\'") + "'"
            }
            .joined(separator: ", ") + "]"
    }
}
