// Weir's built-in macro library, dates and times.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Date arithmetic, date spines and the current time (`dbt` namespace, default implementations).
    static let dates: [BuiltinMacroFile] = [
        Dates.dateadd,
        Dates.datediff,
        Dates.dateTrunc,
        Dates.lastDay,
        Dates.date,
        Dates.generateSeries,
        Dates.dateSpine,
        Dates.timestamps,
    ]

    enum Dates {
        /// `dateadd(datepart, interval, from_date_or_timestamp)`.
        static let dateadd = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/dateadd.sql",
            source: #"""
            {#- datepart is a bare unit keyword (day, month, ...); interval and from_date_or_timestamp are SQL expressions. -#}
            {% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
                {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
            {%- endmacro %}

            {% macro default__dateadd(datepart, interval, from_date_or_timestamp) %}

                dateadd(
                    {{ datepart }},
                    {{ interval }},
                    {{ from_date_or_timestamp }}
                    )

            {% endmacro %}
            """#)

        /// `datediff(first_date, second_date, datepart)`.
        static let datediff = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/datediff.sql",
            source: #"""
            {#- Counts datepart boundaries crossed going from first_date to second_date. -#}
            {% macro datediff(first_date, second_date, datepart) -%}
                {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
            {%- endmacro %}

            {% macro default__datediff(first_date, second_date, datepart) -%}

                datediff(
                    {{ datepart }},
                    {{ first_date }},
                    {{ second_date }}
                    )

            {%- endmacro %}
            """#)

        /// `date_trunc(datepart, date)`.
        static let dateTrunc = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/date_trunc.sql",
            source: #"""
            {% macro date_trunc(datepart, date) -%}
                {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
            {%- endmacro %}

            {% macro default__date_trunc(datepart, date) -%}
                date_trunc('{{ datepart }}', {{ date }})
            {%- endmacro %}
            """#)

        /// `last_day(date, datepart)` and the shared `default_last_day`.
        static let lastDay = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/last_day.sql",
            source: #"""
            {% macro last_day(date, datepart) -%}
                {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
            {%- endmacro %}

            {#- Start of the period, one period on, one day back; shared by adapters whose override only special-cases a unit. -#}
            {% macro default_last_day(date, datepart) -%}
                cast(
                    {{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }}
                    as date)
            {%- endmacro %}

            {% macro default__last_day(date, datepart) -%}
                {{ dbt.default_last_day(date, datepart) }}
            {%- endmacro %}
            """#)

        /// `date(year, month, day)`.
        static let date = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/date.sql",
            source: #"""
            {#- A date literal from numeric parts; building a Python date first rejects impossible dates at compile time. -#}
            {% macro date(year, month, day) -%}
                {{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}
            {%- endmacro %}

            {% macro default__date(year, month, day) -%}
                {%- set iso_date = modules.datetime.date(year, month, day).strftime('%Y-%m-%d') -%}
                to_date('{{ iso_date }}', 'YYYY-MM-DD')
            {%- endmacro %}
            """#)

        /// `get_powers_of_two(upper_bound)` and `generate_series(upper_bound)`.
        static let generateSeries = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/generate_series.sql",
            source: #"""
            {#- The smallest n >= 1 with upper_bound <= 2^n: how many binary digits generate_series must combine. -#}
            {% macro get_powers_of_two(upper_bound) -%}
                {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
            {%- endmacro %}

            {% macro default__get_powers_of_two(upper_bound) -%}
                {%- if upper_bound <= 0 -%}
                    {{ exceptions.raise_compiler_error("upper bound must be positive") }}
                {%- endif -%}
                {%- for _ in range(1, 100) -%}
                    {%- if upper_bound <= 2 ** loop.index -%}
                        {{ return(loop.index) }}
                    {%- endif -%}
                {%- endfor -%}
            {%- endmacro %}

            {#- Numbers 1..upper_bound as a query: a cross join of n one-bit tables, each row summing its bits. -#}
            {% macro generate_series(upper_bound) -%}
                {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
            {%- endmacro %}

            {% macro default__generate_series(upper_bound) %}

                {% set n = dbt.get_powers_of_two(upper_bound) %}

                with p as (
                    select 0 as generated_number union all select 1
                ), unioned as (

                select

                {% for i in range(n) %}
                p{{ i }}.generated_number * power(2, {{ i }})
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

        /// `get_intervals_between(start_date, end_date, datepart)` (runs a query) and `date_spine(datepart, start_date, end_date)`.
        static let dateSpine = BuiltinMacroFile(
            package: "dbt", path: "macros/utils/date_spine.sql",
            source: #"""
            {#- How many datepart steps lie between two dates, asked of the database itself (1 when nothing comes back). -#}
            {% macro get_intervals_between(start_date, end_date, datepart) -%}
                {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
            {%- endmacro %}

            {% macro default__get_intervals_between(start_date, end_date, datepart) -%}
                {%- call statement('get_intervals_between', fetch_result=True) %}

                    select {{ dbt.datediff(start_date, end_date, datepart) }}

                {%- endcall -%}
                {%- set result = load_result('get_intervals_between') -%}
                {%- if result and result['data'] -%}
                    {{ return(result['data'][0][0]) }}
                {%- else -%}
                    {{ return(1) }}
                {%- endif -%}
            {%- endmacro %}

            {#- One row per datepart from start_date (inclusive) to end_date, as a query whose column is date_<datepart>. -#}
            {% macro date_spine(datepart, start_date, end_date) -%}
                {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
            {%- endmacro %}

            {% macro default__date_spine(datepart, start_date, end_date) %}


                {# e.g. date_spine("day", "to_date('01/01/2016', 'mm/dd/yyyy')", "dbt.dateadd(week, 1, current_date)") #}


                with rawdata as (

                    {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}

                ),

                all_periods as (

                    select (
                        {{ dbt.dateadd(datepart, "row_number() over (order by 1) - 1", start_date) }}
                    ) as date_{{ datepart }}
                    from rawdata

                ),

                filtered as (

                    select *
                    from all_periods
                    where date_{{ datepart }} <= {{ end_date }}

                )

                select * from filtered

            {% endmacro %}
            """#)

        /// `current_timestamp`, `current_timestamp_backcompat`, `current_timestamp_in_utc_backcompat`,
        /// `snapshot_get_time`.
        static let timestamps = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/timestamps.sql",
            source: #"""
            {#- current_timestamp is not a return(): it renders its implementation in place. No portable default exists. -#}
            {%- macro current_timestamp() -%}
                {{ adapter.dispatch('current_timestamp', 'dbt')() }}
            {%- endmacro -%}

            {% macro default__current_timestamp() -%}
                {{ exceptions.raise_not_implemented('current_timestamp macro not implemented for adapter ' + adapter.type()) }}
            {%- endmacro %}

            {#- Kept for projects that relied on the older, per-database behaviour of current_timestamp (timezone-less). -#}
            {% macro current_timestamp_backcompat() -%}
                {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__current_timestamp_backcompat() %}
                current_timestamp::timestamp
            {% endmacro %}

            {% macro current_timestamp_in_utc_backcompat() -%}
                {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
            {%- endmacro %}

            {% macro default__current_timestamp_in_utc_backcompat() -%}
                {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
            {%- endmacro %}

            {#- The time a snapshot run stamps on the rows it changes. -#}
            {%- macro snapshot_get_time() -%}
                {{ adapter.dispatch('snapshot_get_time', 'dbt')() }}
            {%- endmacro -%}

            {% macro default__snapshot_get_time() %}
                {{ current_timestamp() }}
            {% endmacro %}
            """#)
    }
}
