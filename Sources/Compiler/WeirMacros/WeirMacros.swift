/// Weir's own macros, in the internal package `weir`: found after a project's and dbt's, so a
/// project's macro of the same name wins. (Kept apart from `BuiltinMacros`, which stands in
/// for dbt's macros and is checked against them.)
enum WeirMacros {
    static let files: [BuiltinMacroFile] = [nonNegative]

    /// `non_negative`: the test the column vocabulary gives `n_` columns (no row below zero).
    static let nonNegative = BuiltinMacroFile(
        package: "weir", path: "tests/generic/non_negative.sql",
        source: #"""
            {% test non_negative(model, column_name) %}
            select {{ column_name }}
            from {{ model }}
            where {{ column_name }} < 0
            {% endtest %}
            """#)
}
