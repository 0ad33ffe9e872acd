/// One file of Weir's built-in macro library: Jinja source attributed to the dbt package it stands in for.
///
/// The macros are Weir's own text, written so that each renders exactly what the dbt macro of the same name
/// renders for the same arguments (Scripts/check_builtin_macros.py compares them against dbt's sources).
struct BuiltinMacroFile: Sendable {
    /// "dbt", "dbt_postgres", "dbt_redshift" or "dbt_sqlite".
    let package: String
    /// The path reported in the manifest for the macros of this file, e.g. "macros/utils/dateadd.sql".
    let path: String
    /// Jinja: `{% macro %}` blocks (and, for the built-in generic tests, `{% test %}` blocks) plus comments.
    let source: String
}

/// Weir's built-in macro library: what dbt's global project and adapter packages provide for compiling SQL.
///
/// Every adapter-neutral macro dispatches as dbt does, `adapter.dispatch('<name>', 'dbt')`, to the first of
/// `<adapter>__<name>` (redshift falls back to `postgres__`), then `default__<name>`. A project should load the
/// `dbt` files plus those of its adapter's package (and, for Redshift, PostgreSQL's).
enum BuiltinMacros {
    static let files: [BuiltinMacroFile] =
        dataTypes + dates + strings + aggregates + setOperations + arrays + relations
        + nameGeneration + genericTests + unitTests + snapshots + freshness + materializations + show + postgres + redshift
        + sqlite

    /// The files that make up the library for one adapter type, in load order: the `dbt` package first.
    static func files(forAdapter adapterType: String) -> [BuiltinMacroFile] {
        let packages: [String]
        switch adapterType {
        case "postgres": packages = ["dbt", "dbt_postgres"]
        case "redshift": packages = ["dbt", "dbt_postgres", "dbt_redshift"]
        case "sqlite": packages = ["dbt", "dbt_sqlite"]
        default: packages = ["dbt"]
        }
        return files.filter { packages.contains($0.package) }
    }
}
