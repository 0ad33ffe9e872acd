{#- A materialization only this package defines: a project may use it. -#}
{% materialization from_package, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ drop_relation_if_exists(load_cached_relation(this)) }}
  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, target_relation, sql) }}
  {%- endcall %}
  {{ adapter.commit() }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{#- dbt's own `view`: a package's block of that name is not used (only the root project's would be). -#}
{% materialization view, default %}
  {{ exceptions.raise_compiler_error("the helpers package's view materialization ran") }}
{% endmaterialization %}
