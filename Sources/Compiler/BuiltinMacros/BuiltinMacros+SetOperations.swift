// Weir's built-in macro library, set operations and equality.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Set operators and the null-aware equality used when comparing rows (`dbt` namespace, default implementations).
    static let setOperations: [BuiltinMacroFile] = [
        SetOperations.except,
        SetOperations.intersect,
        SetOperations.equals,
    ]

    enum SetOperations {
        /// `except()`.
        static let except = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/except.sql",
            source: #"""
            {% macro except() -%}
                {{ return(adapter.dispatch('except', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__except() %}

                except

            {% endmacro %}
            """#)

        /// `intersect()`.
        static let intersect = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/intersect.sql",
            source: #"""
            {% macro intersect() -%}
                {{ return(adapter.dispatch('intersect', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__intersect() %}

                intersect

            {% endmacro %}
            """#)

        /// `equals(expr1, expr2)`.
        static let equals = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/equals.sql",
            source: #"""
            {#- With the enable_truthy_nulls_equals_macro behaviour flag on, two nulls compare equal. -#}
            {% macro equals(expr1, expr2) -%}
                {{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}
            {%- endmacro %}

            {% macro default__equals(expr1, expr2) -%}
            {%- if adapter.behavior.enable_truthy_nulls_equals_macro.no_warn %}
                case when (({{ expr1 }} = {{ expr2 }}) or ({{ expr1 }} is null and {{ expr2 }} is null))
                    then 0
                    else 1
                end = 0
            {%- else -%}
                ({{ expr1 }} = {{ expr2 }})
            {%- endif %}
            {% endmacro %}
            """#)
    }
}
