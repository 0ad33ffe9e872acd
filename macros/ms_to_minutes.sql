{#- Converts a duration in milliseconds to minutes, rounded.
    Dividing by the decimal literal 60000.0 gives a fractional result on both SQLite (real)
    and PostgreSQL (numeric, which round(x, n) accepts). -#}
{% macro ms_to_minutes(column_name, precision=2) -%}
    round({{ column_name }} / 60000.0, {{ precision }})
{%- endmacro %}
