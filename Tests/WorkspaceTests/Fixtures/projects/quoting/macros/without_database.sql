{#- A relation without its database part, keeping the quoting it was made with. -#}
{% macro without_database(relation) -%}
    {{ relation.include(database=false) }}
{%- endmacro %}
