import Diagnostics
import ProjectModel

/// The contract diagnostics found while parsing (W1807–W1814), with dbt's messages.
enum ContractDiagnostics {
    /// W1807 (warning): dbt's `UnsupportedConstraintMaterialization`.
    static func unsupportedMaterialization(_ materialized: String, file: SourceFile?, span: SourceSpan?)
        -> Diagnostic
    {
        Diagnostic(
            .warning, code: "W1807",
            message:
                "Constraint types are not supported for \(materialized) materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.",
            file: file, span: span,
            help:
                "constraints are only written into the DDL of tables and incremental models; the contract's names and types are still checked",
            event: "UnsupportedConstraintMaterialization"
        )
    }

    /// W1808: a column constraint without a `type` dbt knows.
    static func invalidColumnConstraint(column: String, file: SourceFile?, span: SourceSpan?) -> Diagnostic {
        Diagnostic(
            code: "W1808", message: "Invalid constraint type on column \(column)", file: file, span: span,
            help: "set type to one of \(typeList)")
    }

    /// W1809: a model constraint without a `type` dbt knows (checked when the contract is enforced).
    static func invalidModelConstraint(_ node: ManifestNode, file: SourceFile?, span: SourceSpan?)
        -> Diagnostic
    {
        Diagnostic(
            code: "W1809",
            message: "Invalid constraint type on model \(node.name): Type must be one of \(typeList)",
            file: file, span: span)
    }

    /// W1810: more than one primary key column, or primary keys on the model and its columns.
    static func primaryKeys(_ node: ManifestNode, problems: [String], file: SourceFile?, span: SourceSpan?)
        -> Diagnostic
    {
        Diagnostic(
            code: "W1810",
            message: "Primary key constraint error: (\(node.originalFilePath))\n"
                + problems.joined(separator: "\n"),
            file: file, span: span,
            help:
                "declare one model-level constraint instead: `constraints: [{type: primary_key, columns: [a, b]}]`"
        )
    }

    /// W1811: an enforced contract on a model whose properties declare no columns.
    static func noColumns(_ node: ManifestNode, file: SourceFile?, span: SourceSpan?) -> Diagnostic {
        Diagnostic(
            code: "W1811",
            message:
                "Contract enforcement failed for: (\(node.originalFilePath))\nConstraints must be defined in a `yml` schema configuration file like `schema.yml`.",
            file: file, span: span, help: "list the model's columns with their data_type under `columns:`")
    }

    /// W1812: dbt's `ModelConfig` refuses an enforced contract on an incremental model that
    /// would change its columns silently.
    static func onSchemaChange(_ mode: String, node: ManifestNode, file: SourceFile?) -> Diagnostic {
        Diagnostic(
            code: "W1812",
            message:
                "Invalid value for on_schema_change: \(mode). Models materialized as incremental with contracts enabled must set on_schema_change to 'append_new_columns' or 'fail'",
            file: file, help: "set on_schema_change='append_new_columns' or 'fail' on model '\(node.name)'")
    }

    /// W1813: a foreign key's `to` that is not a `ref()` or a `source()`.
    static func foreignKeyTarget(_ target: String, node: ManifestNode, file: SourceFile?, span: SourceSpan?)
        -> Diagnostic
    {
        Diagnostic(
            code: "W1813",
            message:
                "Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model \(node.name): \(target).",
            file: file, span: span,
            help:
                "write `to: ref('model')` or `to: source('source', 'table')`, or put the referenced table in `expression:`"
        )
    }

    /// W1814 (warning, Weir's own): an ephemeral model builds no relation, so nothing checks
    /// its contract (dbt ignores it silently).
    static func ephemeral(_ node: ManifestNode, file: SourceFile?) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1814",
            message: "model '\(node.name)' is ephemeral, so its enforced contract is never checked",
            file: file,
            help:
                "materialize it as a view, table or incremental model, or remove `contract: {enforced: true}`"
        )
    }

    private static var typeList: String {
        "[" + Constraint.Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + "]"
    }
}
