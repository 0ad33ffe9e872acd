{# The project writes its own tables' DDL, as packages do to add distribution or options.
   Weir must use it instead of its own statement. #}
{% macro sqlite__create_table_as(temporary, relation, compiled_code) -%}
  create {% if temporary %}temp {% endif %}table {{ relation }} as
  select * from (
    {{ compiled_code }}
  ) /* created by the project's create_table_as */
{%- endmacro %}

{% macro default__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates) -%}
  {%- set columns = dest_columns | map(attribute='name') | join(', ') -%}
  delete from {{ target }} where {{ unique_key }} in (select {{ unique_key }} from {{ source }});
  insert into {{ target }} ({{ columns }}) select {{ columns }} from {{ source }} /* project's delete+insert */
{%- endmacro %}
