{#-
    Timestamp helpers that differ between warehouses. SQLite has no timestamp type: event times
    stay ISO-8601 text ('YYYY-MM-DD HH:MM:SS'), which sorts and compares correctly, and SQLite's
    date()/datetime()/strftime()/julianday() read it. PostgreSQL gets real timestamps and dates.
    Each macro dispatches on the adapter type (sqlite__ / postgres__ / default__).
-#}

{#- Parses ISO text into the warehouse's timestamp representation. -#}
{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'music_streaming')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expression) -%}
    cast({{ expression }} as timestamp)
{%- endmacro %}

{% macro sqlite__parse_timestamp(expression) -%}
    datetime({{ expression }})
{%- endmacro %}


{#- Calendar date of a timestamp (a date on PostgreSQL, 'YYYY-MM-DD' text on SQLite). -#}
{% macro to_date(expression) -%}
    {{ return(adapter.dispatch('to_date', 'music_streaming')(expression)) }}
{%- endmacro %}

{% macro default__to_date(expression) -%}
    cast({{ expression }} as date)
{%- endmacro %}

{% macro sqlite__to_date(expression) -%}
    date({{ expression }})
{%- endmacro %}


{#- Truncates a timestamp to the start of its hour or day, keeping the timestamp type. -#}
{% macro timestamp_trunc(datepart, expression) -%}
    {%- if datepart not in ['hour', 'day'] -%}
        {{ exceptions.raise_compiler_error("timestamp_trunc: unsupported datepart '" ~ datepart ~ "' (use 'hour' or 'day')") }}
    {%- endif -%}
    {{ return(adapter.dispatch('timestamp_trunc', 'music_streaming')(datepart, expression)) }}
{%- endmacro %}

{% macro default__timestamp_trunc(datepart, expression) -%}
    date_trunc('{{ datepart }}', {{ expression }})
{%- endmacro %}

{% macro sqlite__timestamp_trunc(datepart, expression) -%}
    {%- set formats = {'hour': '%Y-%m-%d %H:00:00', 'day': '%Y-%m-%d 00:00:00'} -%}
    strftime('{{ formats[datepart] }}', {{ expression }})
{%- endmacro %}


{#- An integer part of a timestamp: hour (0-23), dow (0 = Sunday .. 6), day, month or year. -#}
{% macro date_part_int(datepart, expression) -%}
    {{ return(adapter.dispatch('date_part_int', 'music_streaming')(datepart, expression)) }}
{%- endmacro %}

{% macro default__date_part_int(datepart, expression) -%}
    cast(extract({{ datepart }} from {{ expression }}) as integer)
{%- endmacro %}

{% macro sqlite__date_part_int(datepart, expression) -%}
    {%- set formats = {'hour': '%H', 'dow': '%w', 'day': '%d', 'month': '%m', 'year': '%Y'} -%}
    {%- if datepart not in formats -%}
        {{ exceptions.raise_compiler_error("date_part_int: unsupported datepart '" ~ datepart ~ "' on SQLite") }}
    {%- endif -%}
    cast(strftime('{{ formats[datepart] }}', {{ expression }}) as integer)
{%- endmacro %}


{#- Minutes elapsed from start to end, rounded to two decimals. -#}
{% macro minutes_between(start_expression, end_expression) -%}
    {{ return(adapter.dispatch('minutes_between', 'music_streaming')(start_expression, end_expression)) }}
{%- endmacro %}

{% macro default__minutes_between(start_expression, end_expression) -%}
    round(extract(epoch from ({{ end_expression }} - {{ start_expression }})) / 60.0, 2)
{%- endmacro %}

{% macro sqlite__minutes_between(start_expression, end_expression) -%}
    round((julianday({{ end_expression }}) - julianday({{ start_expression }})) * 1440.0, 2)
{%- endmacro %}
