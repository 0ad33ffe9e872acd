{#- A table built under a temporary name and swapped in, with hooks on both sides of the
    transaction and a row of its own in the audit log. -#}
{% materialization audited_table, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
  {%- set backup_relation = make_backup_relation(target_relation, 'table') -%}
  {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
  {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, intermediate_relation, sql) }}
  {%- endcall %}

  {% if existing_relation is not none %}
    {{ adapter.rename_relation(existing_relation, backup_relation) }}
  {% endif %}
  {{ adapter.rename_relation(intermediate_relation, target_relation) }}

  {% call statement('audit') -%}
    insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'built {{ this.identifier }}')
  {%- endcall %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ drop_relation_if_exists(backup_relation) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{#- The adapter's block comes before the default one. -#}
{% materialization flavored, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ drop_relation_if_exists(load_cached_relation(this)) }}
  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, target_relation, "select 'default' as flavor") }}
  {%- endcall %}
  {{ adapter.commit() }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{% materialization flavored, adapter='postgres' %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {{ drop_relation_if_exists(load_cached_relation(this)) }}
  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, target_relation, "select 'postgres' as flavor") }}
  {%- endcall %}
  {{ adapter.commit() }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{#- Never commits: what it did is rolled back when the node is done. -#}
{% materialization uncommitted, default %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {% call statement('main') -%}
    {{ get_create_table_as_sql(False, target_relation, sql) }}
  {%- endcall %}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

{% materialization no_relations, default %}
  {% call statement('main') -%}
    select 1 as one
  {%- endcall %}
{% endmaterialization %}

{% materialization no_main, default %}
  {% call statement('other') -%}
    select 1 as one
  {%- endcall %}
  {{ return({'relations': [this]}) }}
{% endmaterialization %}

{#- Fails after a statement it did not commit, which is rolled back. -#}
{% materialization failing, default %}
  {% call statement('audit') -%}
    insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'before the failure')
  {%- endcall %}
  {% call statement('main') -%}
    select * from {{ this.schema }}.no_such_table
  {%- endcall %}
  {{ return({'relations': [this]}) }}
{% endmaterialization %}

{#- A table made once and then appended to, with what dbt's own table materialization does
    after building: indexes, grants (revoking what the config no longer names once the table
    is kept, as an incremental model does) and the documentation as comments. -#}
{% materialization documented_table, default %}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set grant_config = config.get('grants') -%}
  {% call statement('main') -%}
    {% if existing_relation is none %}
      {{ get_create_table_as_sql(False, target_relation, sql) }}
    {% else %}
      insert into {{ target_relation }} {{ sql }}
    {% endif %}
  {%- endcall %}
  {% if existing_relation is none %}
    {% do create_indexes(target_relation) %}
  {% endif %}
  {{ adapter.commit() }}
  {% do apply_grants(target_relation, grant_config, should_revoke=should_revoke(existing_relation, full_refresh_mode=False)) %}
  {% do persist_docs(target_relation, model) %}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
