{# Operations for `run-operation`: what each leaves in the warehouse and logs is compared with
   what dbt-core 1.11 does (Scripts/generate_operation_fixtures.py). #}

{% macro audit_relation() %}
  {{ return(api.Relation.create(database=target.database, schema=target.schema, identifier='audit', type='table')) }}
{% endmacro %}

{% macro create_audit() %}
  {% do adapter.create_schema(api.Relation.create(database=target.database, schema=target.schema)) %}
  {% do run_query('create table ' ~ audit_relation() ~ ' (step integer, note varchar(40))') %}
  {% do log('audit created', info=True) %}
{% endmacro %}

{# A statement without a commit: dbt-postgres keeps it. #}
{% macro record(step, note='plain') %}
  {% do run_query('insert into ' ~ audit_relation() ~ " values (" ~ step ~ ", '" ~ note ~ "')") %}
  {% do log('recorded ' ~ step ~ ' ' ~ note, info=True) %}
{% endmacro %}

{# The commit a dbt-postgres user writes to be sure. #}
{% macro record_and_commit(step) %}
  {% do run_query('insert into ' ~ audit_relation() ~ " values (" ~ step ~ ", 'committed')") %}
  {% do run_query('commit') %}
{% endmacro %}

{% macro record_with_statement(step) %}
  {% call statement('record', auto_begin=False) %}
    insert into {{ audit_relation() }} values ({{ step }}, 'statement')
  {% endcall %}
{% endmacro %}

{# What ran before the error stays. #}
{% macro record_then_fail(step) %}
  {% do record(step, 'before failing') %}
  {% do exceptions.raise_compiler_error('step ' ~ step ~ ' failed on purpose') %}
{% endmacro %}

{% macro count_audit() %}
  {% set counted = run_query('select count(*) from ' ~ audit_relation()) %}
  {% do log('audit rows: ' ~ counted.columns[0].values()[0], info=True) %}
  {{ return(counted.columns[0].values()[0]) }}
{% endmacro %}

{% macro greet() %}
  {% do log('root greet', info=True) %}
{% endmacro %}

{% macro context_values(items=[]) %}
  {% do log('this=' ~ this ~ ' model_is_none=' ~ (model is none) ~ ' execute=' ~ execute ~ ' selected=' ~ selected_resources ~ ' schema=' ~ (schema == target.schema) ~ ' items=' ~ items | join('+'), info=True) %}
{% endmacro %}

{# The adapter's methods that change relations. #}
{% macro relation_chores() %}
  {% set chores = api.Relation.create(database=target.database, schema=target.schema, identifier='chores', type='table') %}
  {% set done = api.Relation.create(database=target.database, schema=target.schema, identifier='chores_done', type='table') %}
  {% do run_query('create table ' ~ chores ~ ' (id integer)') %}
  {% do run_query('insert into ' ~ chores ~ ' values (1), (2)') %}
  {% do adapter.truncate_relation(chores) %}
  {% do log('after truncate: ' ~ run_query('select count(*) from ' ~ chores).columns[0].values()[0], info=True) %}
  {% do adapter.rename_relation(chores, done) %}
  {% set found = adapter.get_relation(database=target.database, schema=target.schema, identifier='chores_done') %}
  {% do log('renamed: ' ~ found.identifier ~ ' ' ~ found.type, info=True) %}
  {% do adapter.drop_relation(found) %}
  {% do log('dropped: ' ~ (adapter.get_relation(database=target.database, schema=target.schema, identifier='chores_done') is none), info=True) %}
{% endmacro %}

{% macro schema_chores(name) %}
  {% set schema = api.Relation.create(database=target.database, schema=name) %}
  {% do adapter.create_schema(schema) %}
  {% do run_query('create table ' ~ api.Relation.create(database=target.database, schema=name, identifier='scratch') ~ ' (id integer)') %}
  {% do log('scratch made: ' ~ (adapter.get_relation(database=target.database, schema=name, identifier='scratch') is not none), info=True) %}
  {% do adapter.drop_schema(schema) %}
  {% do log('scratch gone: ' ~ (adapter.get_relation(database=target.database, schema=name, identifier='scratch') is none), info=True) %}
{% endmacro %}

{% macro bad_sql() %}
  {% do run_query('select * from no_such_table') %}
{% endmacro %}
