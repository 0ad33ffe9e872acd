{% macro fiscal_year(date_expression) -%}
    {%- set start_month = var('fiscal_year_start_month') -%}
    (extract(year from {{ date_expression }})
        + case when extract(month from {{ date_expression }}) >= {{ start_month }} then 1 else 0 end)::int
{%- endmacro %}
