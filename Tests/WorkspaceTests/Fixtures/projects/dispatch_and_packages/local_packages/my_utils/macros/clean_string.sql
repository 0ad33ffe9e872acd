{% macro clean_string(expression) -%}
    {{ return(adapter.dispatch('clean_string', 'my_utils')(expression)) }}
{%- endmacro %}

{% macro default__clean_string(expression) -%}
    lower(trim({{ expression }}))
{%- endmacro %}

{% macro postgres__clean_string(expression) -%}
    lower(btrim({{ expression }}, ' '))
{%- endmacro %}
