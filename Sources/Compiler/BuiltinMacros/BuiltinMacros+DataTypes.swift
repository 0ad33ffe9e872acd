// Weir's built-in macro library, data types and casts.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Column type names and casts (`dbt` namespace, default implementations).
    static let dataTypes: [BuiltinMacroFile] = [
        DataTypes.dataTypeNames,
        DataTypes.cast,
        DataTypes.safeCast,
        DataTypes.castBoolToText,
    ]

    enum DataTypes {
        /// `type_string`, `type_timestamp`, `type_float`, `type_numeric`, `type_bigint`, `type_int`, `type_boolean`.
        static let dataTypeNames = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/data_types.sql",
            source: #"""
            {#- Portable column type names. Each default asks the adapter's Column class (api.Column) to translate a
                generic label, so the answer follows the target dialect; labels it does not know pass through unchanged. -#}

            {% macro type_string() -%}
                {{ return(adapter.dispatch('type_string', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_string() -%}
                {{ return(api.Column.translate_type("string")) }}
            {%- endmacro %}

            {% macro type_timestamp() -%}
                {{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_timestamp() -%}
                {{ return(api.Column.translate_type("timestamp")) }}
            {%- endmacro %}

            {% macro type_float() -%}
                {{ return(adapter.dispatch('type_float', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_float() -%}
                {{ return(api.Column.translate_type("float")) }}
            {%- endmacro %}

            {% macro type_numeric() -%}
                {{ return(adapter.dispatch('type_numeric', 'dbt')()) }}
            {%- endmacro %}

            {#- Fixed precision and scale, (28, 6), instead of whatever the dialect picks for a bare numeric. -#}
            {% macro default__type_numeric() -%}
                {{ return(api.Column.numeric_type("numeric", 28, 6)) }}
            {%- endmacro %}

            {% macro type_bigint() -%}
                {{ return(adapter.dispatch('type_bigint', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_bigint() -%}
                {{ return(api.Column.translate_type("bigint")) }}
            {%- endmacro %}

            {% macro type_int() -%}
                {{ return(adapter.dispatch('type_int', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_int() -%}
                {{ return(api.Column.translate_type("integer")) }}
            {%- endmacro %}

            {% macro type_boolean() -%}
                {{ return(adapter.dispatch('type_boolean', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__type_boolean() -%}
                {{ return(api.Column.translate_type("boolean")) }}
            {%- endmacro %}
            """#)

        /// `cast(field, type)`.
        static let cast = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/cast.sql",
            source: #"""
            {% macro cast(field, type) -%}
                {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
            {%- endmacro %}

            {% macro default__cast(field, type) %}
                cast({{ field }} as {{ type }})
            {% endmacro %}
            """#)

        /// `safe_cast(field, type)`.
        static let safeCast = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/safe_cast.sql",
            source: #"""
            {% macro safe_cast(field, type) -%}
                {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
            {%- endmacro %}

            {% macro default__safe_cast(field, type) %}
                {# no portable failure-tolerant cast exists, so the default is an ordinary one #}
                cast({{ field }} as {{ type }})
            {% endmacro %}
            """#)

        /// `cast_bool_to_text(field)`.
        static let castBoolToText = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/cast_bool_to_text.sql",
            source: #"""
            {#- Not a return(): the dispatcher's own surrounding whitespace is part of what it renders. -#}
            {% macro cast_bool_to_text(field) %}
              {{ adapter.dispatch('cast_bool_to_text', 'dbt')(field) }}
            {% endmacro %}

            {% macro default__cast_bool_to_text(field) %}
                cast({{ field }} as {{ api.Column.translate_type('string') }})
            {% endmacro %}
            """#)
    }
}
