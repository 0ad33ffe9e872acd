{# Not dispatched: a package-local helper that calls another package macro unqualified. #}
{% macro calendar_bounds() -%}
    {%- set start = var('calendar_start') -%}
    {%- set days = var('calendar_days') -%}
    {{ return({'start': start, 'days': days, 'label': clean_string("'" ~ start ~ "'")}) }}
{%- endmacro %}
