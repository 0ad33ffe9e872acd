{% macro safe_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('safe_divide', 'my_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
    case when {{ denominator }} = 0 then null else {{ numerator }} / {{ denominator }} end
{%- endmacro %}

{% macro postgres__safe_divide(numerator, denominator) -%}
    ({{ numerator }})::numeric / nullif({{ denominator }}, 0)
{%- endmacro %}
