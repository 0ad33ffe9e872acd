// Weir's built-in macro library, arrays.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Array construction (`dbt` namespace, default implementations).
    static let arrays: [BuiltinMacroFile] = [
        Arrays.arrayConstruct,
        Arrays.arrayAppend,
        Arrays.arrayConcat,
    ]

    enum Arrays {
        /// `array_construct(inputs, data_type)`.
        static let arrayConstruct = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/array_construct.sql",
            source: #"""
            {#- inputs share one type; data_type types the empty array. -#}
            {% macro array_construct(inputs=[], data_type=api.Column.translate_type('integer')) -%}
                {{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type)) }}
            {%- endmacro %}

            {% macro default__array_construct(inputs, data_type) -%}
                {% if inputs | length > 0 %}
                array[ {{ inputs | join(' , ') }} ]
                {% else %}
                array[]::{{ data_type }}[]
                {% endif %}
            {%- endmacro %}
            """#)

        /// `array_append(array, new_element)`.
        static let arrayAppend = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/array_append.sql",
            source: #"""
            {#- new_element has the type of the array's elements. -#}
            {% macro array_append(array, new_element) -%}
                {{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}
            {%- endmacro %}

            {% macro default__array_append(array, new_element) -%}
                array_append({{ array }}, {{ new_element }})
            {%- endmacro %}
            """#)

        /// `array_concat(array_1, array_2)`.
        static let arrayConcat = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/array_concat.sql",
            source: #"""
            {% macro array_concat(array_1, array_2) -%}
                {{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}
            {%- endmacro %}

            {% macro default__array_concat(array_1, array_2) -%}
                array_cat({{ array_1 }}, {{ array_2 }})
            {%- endmacro %}
            """#)
    }
}
