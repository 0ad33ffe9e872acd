// Weir's built-in macro library, SQLite variants.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// SQLite implementations (package `dbt_sqlite`); dispatch tries `sqlite__` before `default__`.
    /// Where the community dbt-sqlite adapter defines a macro, ours renders the same text (comments say "As dbt-sqlite");
    /// the rest are ours (comments say "Our own"), written for SQLite's ISO-8601 text dates, date modifiers and JSON1 functions.
    static let sqlite: [BuiltinMacroFile] = [
        SQLite.dataTypes,
        SQLite.timestamps,
        SQLite.dateadd,
        SQLite.datediff,
        SQLite.dateTrunc,
        SQLite.lastDay,
        SQLite.date,
        SQLite.generateSeries,
        SQLite.anyValue,
        SQLite.boolOr,
        SQLite.listagg,
        SQLite.castBoolToText,
        SQLite.hash,
        SQLite.position,
        SQLite.right,
        SQLite.splitPart,
        SQLite.arrayConstruct,
        SQLite.arrayAppend,
        SQLite.arrayConcat,
        SQLite.testSQL,
        SQLite.safeCast,
    ]

    enum SQLite {
        /// `sqlite__safe_cast`.
        static let safeCast = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/safe_cast.sql",
            source: #"""
            {#- Our own: SQLite has no type for a column computed by an expression (its declared type is empty), and
                `cast(x as )` is no SQL, so a value of such a column is left as it is. Otherwise dbt's default. -#}
            {% macro sqlite__safe_cast(field, type) %}
                {%- if type | trim == "" -%}
                {{ field }}
                {%- else %}
                cast({{ field }} as {{ type }})
                {%- endif %}
            {% endmacro %}
            """#)

        /// `sqlite__type_timestamp`.
        static let dataTypes = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/data_types.sql",
            source: #"""
            {#- Our own: SQLite stores timestamps as ISO-8601 text. A declared or cast type of "timestamp" (or "datetime")
                gets NUMERIC affinity, under which cast('2024-01-31 10:00:00' as timestamp) is 2024, so the portable
                timestamp type is TEXT, as dbt-sqlite's seeds use. The other type_ macros keep the defaults. -#}
            {% macro sqlite__type_timestamp() -%}
                {{ return('TEXT') }}
            {%- endmacro %}
            """#)

        /// `sqlite__current_timestamp`, `sqlite__current_timestamp_backcompat`, `sqlite__snapshot_get_time`.
        static let timestamps = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/timestamps.sql",
            source: #"""
            {#- As dbt-sqlite: datetime() is the current UTC time as 'YYYY-MM-DD HH:MM:SS'. -#}
            {% macro sqlite__current_timestamp() -%}
                datetime()
            {%- endmacro %}

            {#- Our own: the generic form's ::timestamp is not SQLite syntax. SQLite's clock is UTC, so the UTC variant
                (which defers to this one) needs nothing more. -#}
            {% macro sqlite__current_timestamp_backcompat() -%}
                datetime()
            {%- endmacro %}

            {#- As dbt-sqlite: a snapshot's time is the current UTC time too. -#}
            {% macro sqlite__snapshot_get_time() -%}
                datetime()
            {%- endmacro %}
            """#)

        /// `sqlite__dateadd`.
        static let dateadd = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/dateadd.sql",
            source: #"""
            {#- datepart is normally a bare unit keyword known at compile time (dateadd('day', 1, ...)); then the unit
                becomes one of SQLite's date modifiers, '<n> days' and so on (week as 7 days, quarter as 3 months). The result
                keeps the input's form: a date stays a date, a value with a time of day is returned by datetime(); adding
                seconds, minutes or hours always gives a datetime. Month steps use SQLite's arithmetic, which rolls over
                (2024-01-31 + 1 month = 2024-03-02).
                Any other datepart is taken, as dbt-sqlite does, for an SQL expression naming the unit at run time, and
                renders dbt-sqlite's own CASE expression unchanged. -#}
            {% macro sqlite__dateadd(datepart, interval, from_date_or_timestamp) %}
            {%- set modifier_units = {
                'second': 'seconds', 'minute': 'minutes', 'hour': 'hours', 'day': 'days',
                'week': 'days', 'month': 'months', 'quarter': 'months', 'year': 'years'} -%}
            {%- set factors = {'week': 7, 'quarter': 3} -%}
            {%- set unit = datepart | string | lower -%}
            {%- if unit in modifier_units -%}
                {%- if unit in factors -%}
                    {%- set amount = '((' ~ interval ~ ') * ' ~ factors[unit] ~ ')' -%}
                {%- else -%}
                    {%- set amount = '(' ~ interval ~ ')' -%}
                {%- endif -%}
                {%- set modifier = amount ~ " || ' " ~ modifier_units[unit] ~ "'" -%}
                {%- if unit in ['second', 'minute', 'hour'] -%}
                datetime({{ from_date_or_timestamp }}, {{ modifier }})
                {%- else -%}
                case
                    when {{ from_date_or_timestamp }} like '%:%' then datetime({{ from_date_or_timestamp }}, {{ modifier }})
                    else date({{ from_date_or_timestamp }}, {{ modifier }})
                end
                {%- endif -%}
            {%- else %}
                -- If provided a DATETIME, returns a DATETIME
                -- If provided a DATE, returns a DATE

                CASE
                    -- Matches DATETIME type based on ISO-8601 
                    WHEN {{ from_date_or_timestamp }} LIKE '%:%' OR ({{ from_date_or_timestamp }} LIKE '%T%' AND {{ from_date_or_timestamp }} LIKE '%Z%') THEN
                        CASE
                            WHEN LOWER({{ datepart }}) = 'second' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' seconds')
                            WHEN LOWER({{ datepart }}) = 'minute' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' minutes')
                            WHEN LOWER({{ datepart }}) = 'hour' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' hours')
                            WHEN LOWER({{ datepart }}) = 'day' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' days')
                            WHEN LOWER({{ datepart }}) = 'week' THEN datetime({{ from_date_or_timestamp }}, '+' || ({{ interval }} * 7) || ' days')
                            WHEN LOWER({{ datepart }}) = 'month' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' months')
                            WHEN LOWER({{ datepart }}) = 'quarter' THEN datetime({{ from_date_or_timestamp }}, '+' || ({{ interval }} * 3) || ' months')
                            WHEN LOWER({{ datepart }}) = 'year' THEN datetime({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' years')
                            ELSE NULL
                        END
                    -- Matches DATE type based on ISO-8601
                    WHEN {{ from_date_or_timestamp }} LIKE '%-%' AND {{ from_date_or_timestamp }} NOT LIKE '%T%' AND {{ from_date_or_timestamp }} NOT LIKE '% %' THEN
                        CASE
                            WHEN LOWER({{ datepart }}) IN ('second', 'minute', 'hour') THEN date({{ from_date_or_timestamp }})
                            WHEN LOWER({{ datepart }}) = 'day' THEN date({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' days')
                            WHEN LOWER({{ datepart }}) = 'week' THEN date({{ from_date_or_timestamp }}, '+' || ({{ interval }} * 7) || ' days')
                            WHEN LOWER({{ datepart }}) = 'month' THEN date({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' months')
                            WHEN LOWER({{ datepart }}) = 'quarter' THEN date({{ from_date_or_timestamp }}, '+' || ({{ interval }} * 3) || ' months')
                            WHEN LOWER({{ datepart }}) = 'year' THEN date({{ from_date_or_timestamp }}, '+' || {{ interval }} || ' years')
                            ELSE NULL
                        END
                    ELSE
                        NULL
                END
            {% endif %}
            {%- endmacro %}
            """#)

        /// `sqlite__datediff`.
        static let datediff = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/datediff.sql",
            source: #"""
            {#- Our own (dbt-sqlite leaves datediff unimplemented). Same boundary-counting rules as the PostgreSQL version:
                each unit builds on the next larger one plus the difference of its own strftime() field. Dates are ISO-8601
                text. SQLite keeps milliseconds at most, so microsecond is refused. -#}
            {% macro sqlite__datediff(first_date, second_date, datepart) -%}
                {%- set unit = datepart | string | lower -%}
                {%- if unit == 'year' -%}
                (cast(strftime('%Y', {{ second_date }}) as integer) - cast(strftime('%Y', {{ first_date }}) as integer))
                {%- elif unit == 'quarter' -%}
                ({{ datediff(first_date, second_date, 'year') }} * 4 + (cast(strftime('%m', {{ second_date }}) as integer) + 2) / 3 - (cast(strftime('%m', {{ first_date }}) as integer) + 2) / 3)
                {%- elif unit == 'month' -%}
                ({{ datediff(first_date, second_date, 'year') }} * 12 + cast(strftime('%m', {{ second_date }}) as integer) - cast(strftime('%m', {{ first_date }}) as integer))
                {%- elif unit == 'day' -%}
                cast(julianday(date({{ second_date }})) - julianday(date({{ first_date }})) as integer)
                {%- elif unit == 'week' -%}
                ({{ datediff(first_date, second_date, 'day') }} / 7 + case
                    when strftime('%w', {{ first_date }}) <= strftime('%w', {{ second_date }}) then
                        case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
                    else
                        case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
                end)
                {%- elif unit == 'hour' -%}
                ({{ datediff(first_date, second_date, 'day') }} * 24 + cast(strftime('%H', {{ second_date }}) as integer) - cast(strftime('%H', {{ first_date }}) as integer))
                {%- elif unit == 'minute' -%}
                ({{ datediff(first_date, second_date, 'hour') }} * 60 + cast(strftime('%M', {{ second_date }}) as integer) - cast(strftime('%M', {{ first_date }}) as integer))
                {%- elif unit == 'second' -%}
                ({{ datediff(first_date, second_date, 'minute') }} * 60 + cast(strftime('%S', {{ second_date }}) as integer) - cast(strftime('%S', {{ first_date }}) as integer))
                {%- elif unit == 'millisecond' -%}
                ({{ datediff(first_date, second_date, 'minute') }} * 60000 + cast(round(strftime('%f', {{ second_date }}) * 1000) as integer) - cast(round(strftime('%f', {{ first_date }}) * 1000) as integer))
                {%- else -%}
                {{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in sqlite: " ~ datepart) }}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `sqlite__date_trunc`.
        static let dateTrunc = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/date_trunc.sql",
            source: #"""
            {#- Our own (SQLite has no date_trunc). Units below a day are formatted with strftime(); larger ones use
                date modifiers and, like sqlite__dateadd, keep the input's form (date in, date out; a datetime stays one).
                Weeks start on Monday, as in PostgreSQL. -#}
            {% macro sqlite__date_trunc(datepart, date) -%}
                {%- set unit = datepart | string | lower -%}
                {%- set formats = {'second': '%Y-%m-%d %H:%M:%S', 'minute': '%Y-%m-%d %H:%M:00', 'hour': '%Y-%m-%d %H:00:00'} -%}
                {%- set modifiers = {
                    'day': "'start of day'",
                    'week': "'start of day', 'weekday 0', '-6 days'",
                    'month': "'start of month'",
                    'quarter': "'start of month', '-' || ((cast(strftime('%m', " ~ date ~ ") as integer) - 1) % 3) || ' months'",
                    'year': "'start of year'"} -%}
                {%- if unit in formats -%}
                strftime('{{ formats[unit] }}', {{ date }})
                {%- elif unit in modifiers -%}
                case
                    when {{ date }} like '%:%' then datetime({{ date }}, {{ modifiers[unit] }})
                    else date({{ date }}, {{ modifiers[unit] }})
                end
                {%- else -%}
                {{ exceptions.raise_compiler_error("Unsupported datepart for macro date_trunc in sqlite: " ~ datepart) }}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `sqlite__last_day`.
        static let lastDay = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/last_day.sql",
            source: #"""
            {#- Our own: a date (ISO text), straight from date modifiers; a plain cast to date would give NUMERIC affinity
                in SQLite and turn '2024-01-31' into 2024. Weeks end on Sunday. -#}
            {% macro sqlite__last_day(date, datepart) -%}
                {%- set unit = datepart | string | lower -%}
                {%- set modifiers = {
                    'day': "",
                    'week': ", 'weekday 0'",
                    'month': ", 'start of month', '+1 month', '-1 day'",
                    'quarter': ", 'start of month', '-' || ((cast(strftime('%m', " ~ date ~ ") as integer) - 1) % 3) || ' months', '+3 months', '-1 day'",
                    'year': ", 'start of year', '+1 year', '-1 day'"} -%}
                {%- if unit in modifiers -%}
                date({{ date }}{{ modifiers[unit] }})
                {%- else -%}
                {{ exceptions.raise_compiler_error("Unsupported datepart for macro last_day in sqlite: " ~ datepart) }}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `sqlite__date`.
        static let date = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/date.sql",
            source: #"""
            {#- Our own: SQLite keeps dates as ISO-8601 text; date() normalises the literal. -#}
            {% macro sqlite__date(year, month, day) -%}
                {%- set iso_date = modules.datetime.date(year, month, day).strftime('%Y-%m-%d') -%}
                date('{{ iso_date }}')
            {%- endmacro %}
            """#)

        /// `sqlite__generate_series`.
        static let generateSeries = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/generate_series.sql",
            source: #"""
            {#- Our own: the generic series with each power of two written as a literal, since power() exists only in
                SQLite builds with the math functions. -#}
            {% macro sqlite__generate_series(upper_bound) %}

                {% set n = dbt.get_powers_of_two(upper_bound) %}

                with p as (
                    select 0 as generated_number union all select 1
                ), unioned as (

                select

                {% for i in range(n) %}
                p{{ i }}.generated_number * {{ 2 ** i }}
                {% if not loop.last %} + {% endif %}
                {% endfor %}
                + 1
                as generated_number

                from

                {% for i in range(n) %}
                p as p{{ i }}
                {% if not loop.last %} cross join {% endif %}
                {% endfor %}

                )

                select *
                from unioned
                where generated_number <= {{ upper_bound }}
                order by generated_number

            {% endmacro %}
            """#)

        /// `sqlite__any_value`.
        static let anyValue = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/any_value.sql",
            source: #"""
            {#- As dbt-sqlite: min() stands in for any_value(). -#}
            {% macro sqlite__any_value(expression) -%}

                min({{ expression }})

            {%- endmacro %}
            """#)

        /// `sqlite__bool_or`.
        static let boolOr = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/bool_or.sql",
            source: #"""
            {#- As dbt-sqlite: booleans are 0/1 integers, so max() is a logical or. -#}
            {% macro sqlite__bool_or(expression) -%}

                max({{ expression }})

            {%- endmacro %}
            """#)

        /// `sqlite__listagg`.
        static let listagg = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/listagg.sql",
            source: #"""
            {#- Our own: group_concat(). An order-by clause goes inside the call, which SQLite accepts from 3.44 on.
                A limit has no SQLite counterpart and is refused at compile time. -#}
            {% macro sqlite__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
                {%- if limit_num -%}
                {{ exceptions.raise_compiler_error("listagg's limit_num is not supported on sqlite") }}
                {%- endif -%}
                group_concat(
                    {{ measure }},
                    {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}
                    )
            {%- endmacro %}
            """#)

        /// `sqlite__cast_bool_to_text`.
        static let castBoolToText = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/cast_bool_to_text.sql",
            source: #"""
            {#- As dbt-sqlite: booleans are 0/1 integers; a plain cast would give '0'/'1'. -#}
            {% macro sqlite__cast_bool_to_text(field) %}
                case
                  when {{ field }} = 0 then 'false'
                  when {{ field }} = 1 then 'true'    
                end
            {% endmacro %}
            """#)

        /// `sqlite__hash`.
        static let hash = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/hash.sql",
            source: #"""
            {#- As dbt-sqlite: SQLite has no md5() of its own; one must be loaded (an extension) or registered on the
                connection, returning the digest's bytes. Null stays null. -#}
            {% macro sqlite__hash(field) -%}
                case 
                  when {{ field }} is not null 
                  then lower(hex(md5(cast({{ field }} as {{ api.Column.translate_type('string') }}))))
                end
            {%- endmacro %}
            """#)

        /// `sqlite__position`.
        static let position = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/position.sql",
            source: #"""
            {#- As dbt-sqlite: instr() takes its arguments the other way round. -#}
            {% macro sqlite__position(substring_text, string_text) %}

                instr({{ string_text }}, {{ substring_text }})

            {%- endmacro %}
            """#)

        /// `sqlite__right`.
        static let right = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/right.sql",
            source: #"""
            {#- As dbt-sqlite: no right(); a negative start makes substr() count from the end, and zero needs its own case. -#}
            {% macro sqlite__right(string_text, length_expression) %}
                case
                  when {{ length_expression }} <> 0 then 
                  substr(
                      {{ string_text }},
                      -1 * {{ length_expression }}
                  )
                  else ''
                end
            {%- endmacro %}
            """#)

        /// `sqlite__split_part`.
        static let splitPart = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/split_part.sql",
            source: #"""
            {#- Our own: SQLite has no split_part. A recursive CTE in a scalar subquery peels one part per row (row n holds
                part n); a negative part_number counts from the end. An empty delimiter gives null. -#}
            {% macro sqlite__split_part(string_text, delimiter_text, part_number) -%}
                (
                    with recursive split_parts(part_index, part, rest) as (
                        select 0, null, {{ string_text }} || {{ delimiter_text }}
                        union all
                        select
                            part_index + 1,
                            substr(rest, 1, instr(rest, {{ delimiter_text }}) - 1),
                            substr(rest, instr(rest, {{ delimiter_text }}) + length({{ delimiter_text }}))
                        from split_parts
                        where rest <> '' and length({{ delimiter_text }}) > 0
                    )
                    select part
                    from split_parts
                    {% if part_number >= 0 -%}
                    where part_index = {{ part_number }}
                    {%- else -%}
                    where part_index = (select max(part_index) from split_parts) + 1 + ({{ part_number }})
                    {%- endif %}
                )
            {%- endmacro %}
            """#)

        /// `sqlite__array_construct`.
        static let arrayConstruct = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/array_construct.sql",
            source: #"""
            {#- Our own: SQLite has no array type; arrays are JSON arrays (JSON1 functions). data_type is not needed. -#}
            {% macro sqlite__array_construct(inputs, data_type) -%}
                json_array({{ inputs | join(', ') }})
            {%- endmacro %}
            """#)

        /// `sqlite__array_append`.
        static let arrayAppend = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/array_append.sql",
            source: #"""
            {#- Our own: '$[#]' is the position just past the end of a JSON array. -#}
            {% macro sqlite__array_append(array, new_element) -%}
                json_insert({{ array }}, '$[#]', {{ new_element }})
            {%- endmacro %}
            """#)

        /// `sqlite__array_concat`.
        static let arrayConcat = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/utils/array_concat.sql",
            source: #"""
            {#- Our own: the elements of both JSON arrays, in order, gathered into a new one. Elements that are themselves
                arrays or objects come back as text. -#}
            {% macro sqlite__array_concat(array_1, array_2) -%}
                (
                    select json_group_array(value)
                    from (
                        select 1 as array_index, key, value from json_each({{ array_1 }})
                        union all
                        select 2 as array_index, key, value from json_each({{ array_2 }})
                        order by array_index, key
                    )
                )
            {%- endmacro %}
            """#)

        /// `sqlite__get_test_sql`.
        static let testSQL = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/materializations/test.sql",
            source: #"""
            {#- As dbt-sqlite: SQLite comparisons yield 0/1, so the warn and error columns are spelled out as 'true'/'false'. -#}
            {% macro sqlite__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
                select
                  {{ fail_calc }} as failures,
                  case when {{ fail_calc }} {{ warn_if }}
                    then 'true' else 'false' end as should_warn,
                  case when {{ fail_calc }} {{ error_if }}
                    then 'true' else 'false' end as should_error
                from (
                  {{ main_sql }}
                  {{ "limit " ~ limit if limit != none }}
                ) dbt_internal_test
            {%- endmacro %}
            """#)
    }
}
