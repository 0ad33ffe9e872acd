// Weir's built-in macro library, PostgreSQL variants.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// PostgreSQL implementations (package `dbt_postgres`); dispatch tries `postgres__` before `default__`.
    static let postgres: [BuiltinMacroFile] = [
        Postgres.anyValue,
        Postgres.dateadd,
        Postgres.datediff,
        Postgres.equals,
        Postgres.lastDay,
        Postgres.listagg,
        Postgres.splitPart,
        Postgres.timestamps,
    ]

    enum Postgres {
        /// `postgres__any_value`.
        static let anyValue = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/any_value.sql",
            source: #"""
            {#- PostgreSQL has no any_value(); min() returns one of the group's values, which is all any_value promises. -#}
            {% macro postgres__any_value(expression) -%}

                min({{ expression }})

            {%- endmacro %}
            """#)

        /// `postgres__dateadd`.
        static let dateadd = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/dateadd.sql",
            source: #"""
            {#- Interval arithmetic: one unit of datepart, multiplied by the interval expression. -#}
            {% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) %}

                {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))

            {% endmacro %}
            """#)

        /// `postgres__datediff`.
        static let datediff = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/datediff.sql",
            source: #"""
            {#- PostgreSQL has no datediff(). Each unit is built from the next larger one plus the difference of its own
                date_part, so it counts boundaries crossed (as other databases' datediff does), not elapsed time. -#}
            {% macro postgres__datediff(first_date, second_date, datepart) -%}

                {% if datepart == 'year' %}
                    (date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date))
                {% elif datepart == 'quarter' %}
                    ({{ datediff(first_date, second_date, 'year') }} * 4 + date_part('quarter', ({{ second_date }})::date) - date_part('quarter', ({{ first_date }})::date))
                {% elif datepart == 'month' %}
                    ({{ datediff(first_date, second_date, 'year') }} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date))
                {% elif datepart == 'day' %}
                    (({{ second_date }})::date - ({{ first_date }})::date)
                {% elif datepart == 'week' %}
                    ({{ datediff(first_date, second_date, 'day') }} / 7 + case
                        when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then
                            case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
                        else
                            case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
                    end)
                {% elif datepart == 'hour' %}
                    ({{ datediff(first_date, second_date, 'day') }} * 24 + date_part('hour', ({{ second_date }})::timestamp) - date_part('hour', ({{ first_date }})::timestamp))
                {% elif datepart == 'minute' %}
                    ({{ datediff(first_date, second_date, 'hour') }} * 60 + date_part('minute', ({{ second_date }})::timestamp) - date_part('minute', ({{ first_date }})::timestamp))
                {% elif datepart == 'second' %}
                    ({{ datediff(first_date, second_date, 'minute') }} * 60 + floor(date_part('second', ({{ second_date }})::timestamp)) - floor(date_part('second', ({{ first_date }})::timestamp)))
                {% elif datepart == 'millisecond' %}
                    ({{ datediff(first_date, second_date, 'minute') }} * 60000 + floor(date_part('millisecond', ({{ second_date }})::timestamp)) - floor(date_part('millisecond', ({{ first_date }})::timestamp)))
                {% elif datepart == 'microsecond' %}
                    ({{ datediff(first_date, second_date, 'minute') }} * 60000000 + floor(date_part('microsecond', ({{ second_date }})::timestamp)) - floor(date_part('microsecond', ({{ first_date }})::timestamp)))
                {% else %}
                    {{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: {!r}".format(datepart)) }}
                {% endif %}

            {%- endmacro %}
            """#)

        /// `postgres__equals`.
        static let equals = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/equals.sql",
            source: #"""
            {#- Null-aware form spelled with IS NOT DISTINCT FROM when the behaviour flag asks for it. -#}
            {% macro postgres__equals(expr1, expr2) -%}
            {%- if adapter.behavior.enable_truthy_nulls_equals_macro.no_warn %}
                ({{ expr1 }} IS NOT DISTINCT FROM {{ expr2 }})
            {%- else -%}
                ({{ expr1 }} = {{ expr2 }})
            {%- endif %}
            {%- endmacro %}
            """#)

        /// `postgres__last_day`.
        static let lastDay = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/last_day.sql",
            source: #"""
            {#- A quarter is stepped as three months, since the generic form would build interval '1 quarter'. -#}
            {% macro postgres__last_day(date, datepart) -%}

                {%- if datepart == 'quarter' -%}
                -- postgres dateadd does not support quarter interval.
                cast(
                    {{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }}
                    as date)
                {%- else -%}
                {{ dbt.default_last_day(date, datepart) }}
                {%- endif -%}

            {%- endmacro %}
            """#)

        /// `postgres__listagg`.
        static let listagg = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/listagg.sql",
            source: #"""
            {#- string_agg, with the order-by clause inside the call; a limit slices the aggregated array instead. -#}
            {% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}

                {% if limit_num -%}
                array_to_string(
                    (array_agg(
                        {{ measure }}
                        {% if order_by_clause -%}
                        {{ order_by_clause }}
                        {%- endif %}
                    ))[1:{{ limit_num }}],
                    {{ delimiter_text }}
                    )
                {%- else %}
                string_agg(
                    {{ measure }},
                    {{ delimiter_text }}
                    {% if order_by_clause -%}
                    {{ order_by_clause }}
                    {%- endif %}
                    )
                {%- endif %}

            {%- endmacro %}
            """#)

        /// `postgres__split_part`.
        static let splitPart = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/utils/split_part.sql",
            source: #"""
            {#- Negative parts (counted from the end) are rewritten to positive ones. -#}
            {% macro postgres__split_part(string_text, delimiter_text, part_number) %}

              {% if part_number >= 0 %}
                {{ dbt.default__split_part(string_text, delimiter_text, part_number) }}
              {% else %}
                {{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
              {% endif %}

            {% endmacro %}
            """#)

        /// `postgres__current_timestamp`, the two backcompat forms and `postgres__snapshot_get_time`.
        static let timestamps = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/timestamps.sql",
            source: #"""
            {% macro postgres__current_timestamp() -%}
                now()
            {%- endmacro %}

            {% macro postgres__current_timestamp_backcompat() %}
                current_timestamp::{{ type_timestamp() }}
            {% endmacro %}

            {% macro postgres__current_timestamp_in_utc_backcompat() %}
                (current_timestamp at time zone 'utc')::{{ type_timestamp() }}
            {% endmacro %}

            {#- The transaction's start, without its time zone. -#}
            {% macro postgres__snapshot_get_time() -%}
              {{ current_timestamp() }}::timestamp without time zone
            {%- endmacro %}
            """#)
    }
}
