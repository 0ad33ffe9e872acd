// Weir's built-in macro library, aggregates.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Aggregate functions (`dbt` namespace, default implementations).
    static let aggregates: [BuiltinMacroFile] = [
        Aggregates.anyValue,
        Aggregates.boolOr,
        Aggregates.listagg,
    ]

    enum Aggregates {
        /// `any_value(expression)`.
        static let anyValue = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/any_value.sql",
            source: #"""
            {% macro any_value(expression) -%}
                {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
            {%- endmacro %}

            {% macro default__any_value(expression) -%}

                any_value({{ expression }})

            {%- endmacro %}
            """#)

        /// `bool_or(expression)`.
        static let boolOr = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/bool_or.sql",
            source: #"""
            {% macro bool_or(expression) -%}
                {{ return(adapter.dispatch('bool_or', 'dbt')(expression)) }}
            {%- endmacro %}

            {% macro default__bool_or(expression) -%}

                bool_or({{ expression }})

            {%- endmacro %}
            """#)

        /// `listagg(measure, delimiter_text, order_by_clause, limit_num)`.
        static let listagg = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/listagg.sql",
            source: #"""
            {#- delimiter_text is an SQL string literal (quotes included); order_by_clause is a whole "order by ..." clause;
                limit_num keeps only the first values. -#}
            {% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
                {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
            {%- endmacro %}

            {% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}

                {% if limit_num -%}
                array_to_string(
                    array_slice(
                        array_agg(
                            {{ measure }}
                        ){% if order_by_clause -%}
                        within group ({{ order_by_clause }})
                        {%- endif %}
                        ,0
                        ,{{ limit_num }}
                    ),
                    {{ delimiter_text }}
                    )
                {%- else %}
                listagg(
                    {{ measure }},
                    {{ delimiter_text }}
                    )
                    {% if order_by_clause -%}
                    within group ({{ order_by_clause }})
                    {%- endif %}
                {%- endif %}

            {%- endmacro %}
            """#)
    }
}
