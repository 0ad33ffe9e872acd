{% macro currency_list() -%}
    {{ return(var('currency_symbols').keys() | sort) }}
{%- endmacro %}

{% macro fiscal_quarter(month) -%}
    {%- set start = var('fiscal_year_start_month') -%}
    {{ return(((month - start) % 12) // 3 + 1) }}
{%- endmacro %}

{% macro describe_relation(relation) -%}
    {%- set parts = {'database': relation.database, 'schema': relation.schema, 'identifier': relation.identifier} -%}
    {{ return(parts) }}
{%- endmacro %}

{# When the macro returns, its rendered body so far is discarded. #}
{% macro early_return(flag) -%}
    body before the return
    {%- if flag %}{{ return('returned early') }}{% endif -%}
    kept: no return
{%- endmacro %}
