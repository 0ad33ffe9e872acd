{#
    Explicit aliases win; versioned models keep dbt's <name>_v<version>;
    other models in a folder are prefixed with the folder name.
#}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
    {%- if custom_alias_name -%}
        {{ custom_alias_name | trim }}
    {%- elif node.version -%}
        {{ node.name ~ "_v" ~ (node.version | replace(".", "_")) }}
    {%- elif node.resource_type == 'model' and node.fqn | length > 2 -%}
        {{ node.fqn[-2] }}__{{ node.name }}
    {%- else -%}
        {{ node.name }}
    {%- endif -%}
{%- endmacro %}
