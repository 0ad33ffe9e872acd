{% macro cents_to_dollars(column) -%}
    {{ round_money(column ~ ' / 100.0') }}
{%- endmacro %}

{% macro round_money(expression) -%}
    round({{ expression }}, 2)
{%- endmacro %}

{% macro unused_helper() -%}
    1
{%- endmacro %}
