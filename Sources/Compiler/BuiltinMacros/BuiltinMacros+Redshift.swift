// Weir's built-in macro library, Redshift variants.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Redshift implementations (package `dbt_redshift`); dispatch tries `redshift__`, then `postgres__`, then `default__`.
    static let redshift: [BuiltinMacroFile] = [
        Redshift.arrayAppend,
        Redshift.arrayConcat,
        Redshift.arrayConstruct,
        Redshift.castBoolToText,
        Redshift.dateadd,
        Redshift.datediff,
        Redshift.lastDay,
        Redshift.length,
        Redshift.listagg,
        Redshift.splitPart,
        Redshift.timestamps,
    ]

    enum Redshift {
        /// `redshift__array_append`.
        static let arrayAppend = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/array_append.sql",
            source: #"""
            {#- Redshift's SUPER arrays have no append: concatenate a one-element array. -#}
            {% macro redshift__array_append(array, new_element) -%}
                {{ array_concat(array, array_construct([new_element])) }}
            {%- endmacro %}
            """#)

        /// `redshift__array_concat`.
        static let arrayConcat = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/array_concat.sql",
            source: #"""
            {% macro redshift__array_concat(array_1, array_2) -%}
                array_concat({{ array_1 }}, {{ array_2 }})
            {%- endmacro %}
            """#)

        /// `redshift__array_construct`.
        static let arrayConstruct = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/array_construct.sql",
            source: #"""
            {#- array(...) builds a SUPER value, so data_type has no use here. -#}
            {% macro redshift__array_construct(inputs, data_type) -%}
                array( {{ inputs | join(' , ') }} )
            {%- endmacro %}
            """#)

        /// `redshift__cast_bool_to_text`.
        static let castBoolToText = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/cast_bool_to_text.sql",
            source: #"""
            {% macro redshift__cast_bool_to_text(field) %}
                case
                    when {{ field }} is true then 'true'
                    when {{ field }} is false then 'false'
                end::text
            {% endmacro %}
            """#)

        /// `redshift__dateadd`.
        static let dateadd = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/dateadd.sql",
            source: #"""
            {#- Redshift has dateadd() natively (PostgreSQL's interval form would otherwise be inherited). -#}
            {% macro redshift__dateadd(datepart, interval, from_date_or_timestamp) %}

                dateadd(
                    {{ datepart }},
                    {{ interval }},
                    {{ from_date_or_timestamp }}
                    )

            {% endmacro %}
            """#)

        /// `redshift__datediff`.
        static let datediff = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/datediff.sql",
            source: #"""
            {#- Redshift has datediff() natively. -#}
            {% macro redshift__datediff(first_date, second_date, datepart) -%}

                datediff(
                    {{ datepart }},
                    {{ first_date }},
                    {{ second_date }}
                    )

            {%- endmacro %}
            """#)

        /// `redshift__last_day`.
        static let lastDay = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/last_day.sql",
            source: #"""
            {#- The generic form (Redshift's dateadd accepts quarter), with this macro's own surrounding whitespace. -#}
            {% macro redshift__last_day(date, datepart) %}
                cast(
                    {{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }}
                    as date)
            {% endmacro %}
            """#)

        /// `redshift__length`.
        static let length = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/length.sql",
            source: #"""
            {% macro redshift__length(expression) %}

                len(
                    {{ expression }}
                )

            {%- endmacro %}
            """#)

        /// `redshift__listagg`.
        static let listagg = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/listagg.sql",
            source: #"""
            {#- Redshift's listagg has no limit: with limit_num, keep the first limit_num items with a regular expression
                over the aggregated text (so the delimiter must not occur inside the values). -#}
            {% macro redshift__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}

                {% if limit_num -%}
                {% set ns = namespace() %}
                {% set ns.delimiter_text_regex = delimiter_text | trim("'") %}
                {% set special_chars %}\,^,$,.,|,?,*,+,(,),[,],{,}{% endset %}
                {%- for char in special_chars.split(',') -%}
                    {% set escape_char %}\\{{ char }}{% endset %}
                    {% set ns.delimiter_text_regex = ns.delimiter_text_regex | replace(char, escape_char) %}
                {%- endfor -%}

                {% set regex %}'([^{{ ns.delimiter_text_regex }}]+{{ ns.delimiter_text_regex }}){1,{{ limit_num - 1 }}}[^{{ ns.delimiter_text_regex }}]+'{% endset %}
                regexp_substr(
                    listagg(
                        {{ measure }},
                        {{ delimiter_text }}
                        )
                        {% if order_by_clause -%}
                        within group ({{ order_by_clause }})
                        {%- endif %}
                    ,{{ regex }}
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

        /// `redshift__split_part`.
        static let splitPart = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/utils/split_part.sql",
            source: #"""
            {% macro redshift__split_part(string_text, delimiter_text, part_number) %}

              {% if part_number >= 0 %}
                {{ dbt.default__split_part(string_text, delimiter_text, part_number) }}
              {% else %}
                {{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
              {% endif %}

            {% endmacro %}
            """#)

        /// `redshift__current_timestamp`, the two backcompat forms and `redshift__snapshot_get_time`.
        static let timestamps = BuiltinMacroFile(
            package: "dbt_redshift", path: "macros/timestamps.sql",
            source: #"""
            {% macro redshift__current_timestamp() -%}
                getdate()
            {%- endmacro %}

            {% macro redshift__current_timestamp_backcompat() -%}
                getdate()
            {%- endmacro %}

            {% macro redshift__current_timestamp_in_utc_backcompat() -%}
                getdate()
            {%- endmacro %}

            {#- A snapshot's time: the current time as a plain timestamp. -#}
            {% macro redshift__snapshot_get_time() -%}
                {{ current_timestamp() }}::timestamp
            {%- endmacro %}
            """#)
    }
}
