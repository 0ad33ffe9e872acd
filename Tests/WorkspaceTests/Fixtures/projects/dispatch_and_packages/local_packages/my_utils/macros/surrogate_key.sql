{% macro surrogate_key(field_list) -%}
    {{ return(adapter.dispatch('surrogate_key', 'my_utils')(field_list)) }}
{%- endmacro %}

{% macro default__surrogate_key(field_list) -%}
    {%- set fields = [] -%}
    {%- for field in field_list -%}
        {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_null_')") -%}
        {%- if not loop.last %}{% do fields.append("'-'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro %}
