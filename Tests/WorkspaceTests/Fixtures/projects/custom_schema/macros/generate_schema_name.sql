{#
    Seeds and snapshots go to their custom schema verbatim. Models with a
    custom schema get it appended to the target schema; models without one
    land in a schema named after their top-level folder.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set default_schema = target.schema -%}
    {%- if node.resource_type in ('seed', 'snapshot') and custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- elif custom_schema_name is not none -%}
        {{ default_schema }}_{{ custom_schema_name | trim }}
    {%- elif node.resource_type == 'model' and node.fqn | length > 2 -%}
        {{ default_schema }}_{{ node.fqn[1] }}
    {%- else -%}
        {{ default_schema }}
    {%- endif -%}
{%- endmacro %}
