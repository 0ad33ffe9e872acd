// Weir's built-in macro library, strings.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// String functions (`dbt` namespace, default implementations).
    static let strings: [BuiltinMacroFile] = [
        Strings.concat,
        Strings.hash,
        Strings.splitPart,
        Strings.escapeSingleQuotes,
        Strings.stringLiteral,
        Strings.right,
        Strings.length,
        Strings.position,
        Strings.replace,
    ]

    enum Strings {
        /// `concat(fields)`.
        static let concat = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/concat.sql",
            source: #"""
            {#- fields is a list of SQL expressions. -#}
            {% macro concat(fields) -%}
                {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
            {%- endmacro %}

            {% macro default__concat(fields) -%}
                {{ fields | join(' || ') }}
            {%- endmacro %}
            """#)

        /// `hash(field)`.
        static let hash = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/hash.sql",
            source: #"""
            {% macro hash(field) -%}
                {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
            {%- endmacro %}

            {% macro default__hash(field) -%}
                md5(cast({{ field }} as {{ api.Column.translate_type('string') }}))
            {%- endmacro %}
            """#)

        /// `split_part(string_text, delimiter_text, part_number)` and the helper `_split_part_negative`.
        static let splitPart = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/split_part.sql",
            source: #"""
            {#- part_number counts from 1; adapters that allow negative parts count those from the end. -#}
            {% macro split_part(string_text, delimiter_text, part_number) -%}
                {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
            {%- endmacro %}

            {% macro default__split_part(string_text, delimiter_text, part_number) %}

                split_part(
                    {{ string_text }},
                    {{ delimiter_text }},
                    {{ part_number }}
                    )

            {% endmacro %}

            {#- For dialects whose split_part takes only positive parts: turn a negative part into a positive one
                by counting delimiters (length of the text minus its length with every delimiter removed). -#}
            {% macro _split_part_negative(string_text, delimiter_text, part_number) %}

                split_part(
                    {{ string_text }},
                    {{ delimiter_text }},
                      length({{ string_text }})
                      - length(
                          replace({{ string_text }},  {{ delimiter_text }}, '')
                      ) + 2 + {{ part_number }}
                    )

            {% endmacro %}
            """#)

        /// `escape_single_quotes(expression)`.
        static let escapeSingleQuotes = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/escape_single_quotes.sql",
            source: #"""
            {% macro escape_single_quotes(expression) -%}
                {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
            {%- endmacro %}

            {#- Doubles every apostrophe, the SQL-standard escape inside a quoted literal. -#}
            {% macro default__escape_single_quotes(expression) -%}
                {{ expression | replace("'", "''") }}
            {%- endmacro %}
            """#)

        /// `string_literal(value)`.
        static let stringLiteral = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/literal.sql",
            source: #"""
            {#- Wraps value in single quotes as it stands; escaping is the caller's business. -#}
            {% macro string_literal(value) -%}
                {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
            {%- endmacro %}

            {% macro default__string_literal(value) -%}
                '{{ value }}'
            {%- endmacro %}
            """#)

        /// `right(string_text, length_expression)`.
        static let right = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/right.sql",
            source: #"""
            {% macro right(string_text, length_expression) -%}
                {{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
            {%- endmacro %}

            {% macro default__right(string_text, length_expression) %}

                right(
                    {{ string_text }},
                    {{ length_expression }}
                )

            {%- endmacro %}
            """#)

        /// `length(expression)`.
        static let length = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/length.sql",
            source: #"""
            {% macro length(expression) -%}
                {{ return(adapter.dispatch('length', 'dbt')(expression)) }}
            {%- endmacro %}

            {% macro default__length(expression) %}

                length(
                    {{ expression }}
                )

            {%- endmacro %}
            """#)

        /// `position(substring_text, string_text)`.
        static let position = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/position.sql",
            source: #"""
            {#- 1-based position of substring_text within string_text, 0 when absent. -#}
            {% macro position(substring_text, string_text) -%}
                {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
            {%- endmacro %}

            {% macro default__position(substring_text, string_text) %}

                position(
                    {{ substring_text }} in {{ string_text }}
                )

            {%- endmacro %}
            """#)

        /// `replace(field, old_chars, new_chars)`.
        static let replace = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/replace.sql",
            source: #"""
            {#- The SQL function, not the Jinja filter: all three arguments are SQL expressions. -#}
            {% macro replace(field, old_chars, new_chars) -%}
                {{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
            {%- endmacro %}

            {% macro default__replace(field, old_chars, new_chars) %}

                replace(
                    {{ field }},
                    {{ old_chars }},
                    {{ new_chars }}
                )


            {% endmacro %}
            """#)
    }
}
