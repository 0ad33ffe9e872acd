{% macro in_cents(column) -%}
    cast({{ column }} * 100 as integer)
{%- endmacro %}
