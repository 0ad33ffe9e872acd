// Weir's built-in macro library: the helpers a project's own `{% materialization %}` block calls
// (Weir's own materializations are written in Swift, see Planning). Unlike the rest of the library,
// their SQL is not held to dbt's byte for byte (Scripts/check_builtin_macros.py leaves them out):
// Tests/RunTests/CustomMaterializationRunTests.swift checks what they do against dbt-postgres.

extension BuiltinMacros {
    /// Hooks, relation names and the `create ... as` statements, as dbt's materializations use them.
    static let materializations: [BuiltinMacroFile] = [
        Materializations.hooks, Materializations.drop, Materializations.createTable, Materializations.createView,
        Materializations.grants, Materializations.persistDocs, Materializations.indexes, Materializations.postgres,
        Materializations.sqlite,
    ]

    enum Materializations {
        /// `run_hooks(hooks, inside_transaction)`: the hooks of one side of the transaction, each
        /// rendered when its turn comes; the first hook outside it commits what is open.
        static let hooks = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/hooks.sql",
            source: #"""
            {% macro run_hooks(hooks, inside_transaction=True) %}
              {% for hook in hooks | selectattr('transaction', 'equalto', inside_transaction) %}
                {% if loop.first and not inside_transaction %}
                  {% call statement(auto_begin=inside_transaction) %}
                    commit;
                  {% endcall %}
                {% endif %}
                {% set hook_sql = render(hook.get('sql')) | trim %}
                {% if hook_sql | length > 0 %}
                  {% call statement(auto_begin=inside_transaction) %}
                    {{ hook_sql }}
                  {% endcall %}
                {% endif %}
              {% endfor %}
            {% endmacro %}
            """#)

        /// `drop_relation_if_exists(relation)`.
        static let drop = BuiltinMacroFile(
            package: "dbt", path: "macros/relations/drop.sql",
            source: #"""
            {% macro drop_relation_if_exists(relation) %}
              {% if relation is not none %}
                {{ adapter.drop_relation(relation) }}
              {% endif %}
            {% endmacro %}
            """#)

        /// `get_create_table_as_sql` and its older name `create_table_as`: `create table ... as (sql);`.
        static let createTable = BuiltinMacroFile(
            package: "dbt", path: "macros/relations/table/create.sql",
            source: #"""
            {% macro get_create_table_as_sql(temporary, relation, sql) -%}
              {{ adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql) }}
            {%- endmacro %}

            {% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
              {{ return(create_table_as(temporary, relation, sql)) }}
            {% endmacro %}

            {% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
              {% if language == 'sql' %}
                {{ adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code) }}
              {% else %}
                {{ adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code, language) }}
              {% endif %}
            {%- endmacro %}

            {#- A temporary table is named by its identifier alone. -#}
            {% macro default__create_table_as(temporary, relation, sql) -%}
              {%- set sql_header = config.get('sql_header', none) -%}

              {{ sql_header if sql_header is not none }}

              create {% if temporary: -%}temporary{%- endif %} table
                {{ relation.include(database=(not temporary), schema=(not temporary)) }}
              as (
                {{ sql }}
              );
            {%- endmacro %}
            """#)

        /// `get_create_view_as_sql` and its older name `create_view_as`: `create view ... as (sql);`.
        static let createView = BuiltinMacroFile(
            package: "dbt", path: "macros/relations/view/create.sql",
            source: #"""
            {% macro get_create_view_as_sql(relation, sql) -%}
              {{ adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql) }}
            {%- endmacro %}

            {% macro default__get_create_view_as_sql(relation, sql) -%}
              {{ return(create_view_as(relation, sql)) }}
            {% endmacro %}

            {% macro create_view_as(relation, sql) -%}
              {{ adapter.dispatch('create_view_as', 'dbt')(relation, sql) }}
            {%- endmacro %}

            {% macro default__create_view_as(relation, sql) -%}
              {%- set sql_header = config.get('sql_header', none) -%}

              {{ sql_header if sql_header is not none }}
              create view {{ relation }} as (
                {{ sql }}
              );
            {%- endmacro %}
            """#)

        /// dbt-postgres' `unlogged` tables, and relation names cut to fit the identifier limit
        /// (a temporary relation's also made unique by the time, and named without its schema).
        static let postgres = BuiltinMacroFile(
            package: "dbt_postgres", path: "macros/adapters.sql",
            source: #"""
            {% macro postgres__create_table_as(temporary, relation, sql) -%}
              {%- set unlogged = config.get('unlogged', default=false) -%}
              {%- set sql_header = config.get('sql_header', none) -%}

              {{ sql_header if sql_header is not none }}

              create {% if temporary -%}
                temporary
              {%- elif unlogged -%}
                unlogged
              {%- endif %} table {{ relation }}
                as
              (
                {{ sql }}
              );
            {%- endmacro %}

            {% macro postgres__make_relation_with_suffix(base_relation, suffix, dstring) %}
              {% if dstring %}
                {% set suffix = suffix ~ modules.datetime.datetime.now().strftime("%H%M%S%f") %}
              {% endif %}
              {% set limit = base_relation.relation_max_name_length() %}
              {% if suffix | length > limit %}
                {% do exceptions.raise_compiler_error('Relation suffix is too long (' ~ suffix | length ~ ' characters). Maximum length is ' ~ limit ~ ' characters.') %}
              {% endif %}
              {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier[:limit - suffix | length] ~ suffix})) }}
            {% endmacro %}

            {% macro postgres__make_intermediate_relation(base_relation, suffix) %}
              {{ return(postgres__make_relation_with_suffix(base_relation, suffix, dstring=False)) }}
            {% endmacro %}

            {% macro postgres__make_temp_relation(base_relation, suffix) %}
              {% set relation = postgres__make_relation_with_suffix(base_relation, suffix, dstring=True) %}
              {{ return(relation.incorporate(path={"schema": none, "database": none})) }}
            {% endmacro %}

            {#- A replaced relation does not keep its grants on PostgreSQL. -#}
            {% macro postgres__copy_grants() %}
              {{ return(False) }}
            {% endmacro %}

            {%- macro postgres__get_show_grant_sql(relation) -%}
              select grantee, privilege_type
              from {{ relation.information_schema('role_table_grants') }}
                  where grantor = current_role
                    and grantee != current_role
                    and table_schema = '{{ relation.schema }}'
                    and table_name = '{{ relation.identifier }}'
            {%- endmacro %}

            {#- A comment as a dollar-quoted literal. -#}
            {% macro postgres_escape_comment(comment) -%}
              {% if comment is not string %}
                {% do exceptions.raise_compiler_error('cannot escape a non-string: ' ~ comment) %}
              {% endif %}
              {%- set magic = '$dbt_comment_literal_block$' -%}
              {%- if magic in comment -%}
                {%- do exceptions.raise_compiler_error('The string ' ~ magic ~ ' is not allowed in comments.') -%}
              {%- endif -%}
              {{ magic }}{{ comment }}{{ magic }}
            {%- endmacro %}

            {% macro postgres__alter_relation_comment(relation, comment) %}
              comment on {{ 'materialized view' if relation.type == 'materialized_view' else relation.type }} {{ relation }} is {{ postgres_escape_comment(comment) }};
            {% endmacro %}

            {% macro postgres__alter_column_comment(relation, column_dict) %}
              {% set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | list %}
              {% for name in column_dict if name in existing %}
                comment on column {{ relation }}.{{ adapter.quote(name) if column_dict[name]['quote'] else name }} is {{ postgres_escape_comment(column_dict[name]['description']) }};
              {% endfor %}
            {% endmacro %}

            {% macro postgres__get_create_index_sql(relation, index_dict) -%}
              {%- set index = adapter.parse_index(index_dict) -%}
              create {% if index.unique %}unique {% endif %}index if not exists
              "{{ index.render(relation) }}"
              on {{ relation }} {% if index.type %}using {{ index.type }} {% endif %}({{ index.columns | join(', ') }})
            {%- endmacro %}

            {% macro postgres__make_backup_relation(base_relation, backup_relation_type, suffix) %}
              {% set relation = postgres__make_relation_with_suffix(base_relation, suffix, dstring=False) %}
              {{ return(relation.incorporate(type=backup_relation_type)) }}
            {% endmacro %}
            """#)

        /// Grants as dbt's materializations apply them: `should_revoke` (whether grants may have
        /// carried over), then `apply_grants(relation, grant_config, should_revoke)`, which asks
        /// the warehouse for the current grants when they may have, and revokes and grants the
        /// difference in one statement block.
        static let grants = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/apply_grants.sql",
            source: #"""
            {% macro copy_grants() %}
              {{ return(adapter.dispatch('copy_grants', 'dbt')()) }}
            {% endmacro %}

            {#- Whether a replaced relation keeps its grants: by default, assume it does. -#}
            {% macro default__copy_grants() %}
              {{ return(True) }}
            {% endmacro %}

            {% macro support_multiple_grantees_per_dcl_statement() %}
              {{ return(adapter.dispatch('support_multiple_grantees_per_dcl_statement', 'dbt')()) }}
            {% endmacro %}

            {% macro default__support_multiple_grantees_per_dcl_statement() %}
              {{ return(True) }}
            {% endmacro %}

            {% macro should_revoke(existing_relation, full_refresh_mode=True) %}
              {#- Nothing to revoke on a new relation; a replaced one keeps its grants if the warehouse copies them. -#}
              {% if not existing_relation %}
                {{ return(False) }}
              {% elif full_refresh_mode %}
                {{ return(copy_grants()) }}
              {% else %}
                {{ return(True) }}
              {% endif %}
            {% endmacro %}

            {% macro get_show_grant_sql(relation) %}
              {{ return(adapter.dispatch('get_show_grant_sql', 'dbt')(relation)) }}
            {% endmacro %}

            {% macro default__get_show_grant_sql(relation) %}
              show grants on {{ relation.render() }}
            {% endmacro %}

            {% macro get_grant_sql(relation, privilege, grantees) %}
              {{ return(adapter.dispatch('get_grant_sql', 'dbt')(relation, privilege, grantees)) }}
            {% endmacro %}

            {%- macro default__get_grant_sql(relation, privilege, grantees) -%}
              grant {{ privilege }} on {{ relation.render() }} to {{ grantees | join(', ') }}
            {%- endmacro %}

            {% macro get_revoke_sql(relation, privilege, grantees) %}
              {{ return(adapter.dispatch('get_revoke_sql', 'dbt')(relation, privilege, grantees)) }}
            {% endmacro %}

            {%- macro default__get_revoke_sql(relation, privilege, grantees) -%}
              {%- set quoted = [] -%}
              {%- for grantee in grantees -%}
                {%- do quoted.append(adapter.quote(grantee)) -%}
              {%- endfor -%}
              revoke {{ privilege }} on {{ relation.render() }} from {{ quoted | join(', ') }}
            {%- endmacro %}

            {% macro get_dcl_statement_list(relation, grant_config, get_dcl_macro) %}
              {{ return(adapter.dispatch('get_dcl_statement_list', 'dbt')(relation, grant_config, get_dcl_macro)) }}
            {% endmacro %}

            {#- One statement per privilege (or per privilege and grantee, where a statement takes one grantee). -#}
            {% macro default__get_dcl_statement_list(relation, grant_config, get_dcl_macro) %}
              {% set statements = [] %}
              {% for privilege, grantees in grant_config.items() %}
                {% if support_multiple_grantees_per_dcl_statement() and grantees %}
                  {% do statements.append(get_dcl_macro(relation, privilege, grantees)) %}
                {% else %}
                  {% for grantee in grantees %}
                    {% do statements.append(get_dcl_macro(relation, privilege, [grantee])) %}
                  {% endfor %}
                {% endif %}
              {% endfor %}
              {{ return(statements) }}
            {% endmacro %}

            {% macro call_dcl_statements(dcl_statement_list) %}
              {{ return(adapter.dispatch('call_dcl_statements', 'dbt')(dcl_statement_list)) }}
            {% endmacro %}

            {% macro default__call_dcl_statements(dcl_statement_list) %}
              {% call statement('grants') %}
                {% for dcl_statement in dcl_statement_list %}
                  {{ dcl_statement }};
                {% endfor %}
              {% endcall %}
            {% endmacro %}

            {% macro apply_grants(relation, grant_config, should_revoke) %}
              {{ return(adapter.dispatch('apply_grants', 'dbt')(relation, grant_config, should_revoke)) }}
            {% endmacro %}

            {% macro default__apply_grants(relation, grant_config, should_revoke=True) %}
              {% if grant_config %}
                {% if should_revoke %}
                  {% set current = adapter.standardize_grants_dict(run_query(get_show_grant_sql(relation))) %}
                  {% set needs_granting = diff_of_two_dicts(grant_config, current) %}
                  {% set needs_revoking = diff_of_two_dicts(current, grant_config) %}
                  {% if not (needs_granting or needs_revoking) %}
                    {{ log('On ' ~ relation.render() ~ ': All grants are in place, no revocation or granting needed.') }}
                  {% endif %}
                {% else %}
                  {% set needs_revoking = {} %}
                  {% set needs_granting = grant_config %}
                {% endif %}
                {% set statements = get_dcl_statement_list(relation, needs_revoking, get_revoke_sql)
                  + get_dcl_statement_list(relation, needs_granting, get_grant_sql) %}
                {% if statements %}
                  {{ call_dcl_statements(statements) }}
                {% endif %}
              {% endif %}
            {% endmacro %}
            """#)

        /// `persist_docs(relation, model)`: the model's description and its columns' as comments,
        /// where `persist_docs` asks for them (comments need the adapter's `alter_*_comment`).
        static let persistDocs = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/persist_docs.sql",
            source: #"""
            {% macro alter_column_comment(relation, column_dict) %}
              {{ return(adapter.dispatch('alter_column_comment', 'dbt')(relation, column_dict)) }}
            {% endmacro %}

            {% macro default__alter_column_comment(relation, column_dict) %}
              {{ exceptions.raise_not_implemented('alter_column_comment macro not implemented for adapter ' + adapter.type()) }}
            {% endmacro %}

            {% macro alter_relation_comment(relation, relation_comment) %}
              {{ return(adapter.dispatch('alter_relation_comment', 'dbt')(relation, relation_comment)) }}
            {% endmacro %}

            {% macro default__alter_relation_comment(relation, relation_comment) %}
              {{ exceptions.raise_not_implemented('alter_relation_comment macro not implemented for adapter ' + adapter.type()) }}
            {% endmacro %}

            {% macro persist_docs(relation, model, for_relation=true, for_columns=true) %}
              {{ return(adapter.dispatch('persist_docs', 'dbt')(relation, model, for_relation, for_columns)) }}
            {% endmacro %}

            {#- The documented columns the relation has (a quoted name matched exactly, others in any case), warning of the others. -#}
            {% macro validate_doc_columns(relation, column_dict, existing_column_names) %}
              {% set existing_lower = existing_column_names | map('lower') | list %}
              {% set missing = [] %}
              {% set present = {} %}
              {% for name in column_dict %}
                {% if ((name in existing_column_names) if column_dict[name]['quote'] else (name | lower in existing_lower)) %}
                  {% do present.update({name: column_dict[name]}) %}
                {% else %}
                  {% do missing.append(name) %}
                {% endif %}
              {% endfor %}
              {% if missing %}
                {{ exceptions.warn('In relation ' ~ relation.render() ~ ': The following columns are specified in the schema but are not present in the database: ' ~ missing | join(', ')) }}
              {% endif %}
              {{ return(present) }}
            {% endmacro %}

            {% macro default__persist_docs(relation, model, for_relation, for_columns) %}
              {% if for_relation and config.persist_relation_docs() and model.description %}
                {% do run_query(alter_relation_comment(relation, model.description)) %}
              {% endif %}
              {% if for_columns and config.persist_column_docs() and model.columns %}
                {% set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | list %}
                {% set sql = alter_column_comment(relation, validate_doc_columns(relation, model.columns, existing)) %}
                {% if sql and sql | trim | length > 0 %}
                  {% do run_query(sql) %}
                {% endif %}
              {% endif %}
            {% endmacro %}
            """#)

        /// `create_indexes(relation)`: the model's `indexes`, each created by `get_create_index_sql`
        /// (nothing where the adapter has no indexes).
        static let indexes = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/indexes.sql",
            source: #"""
            {% macro get_create_index_sql(relation, index_dict) %}
              {{ return(adapter.dispatch('get_create_index_sql', 'dbt')(relation, index_dict)) }}
            {% endmacro %}

            {% macro default__get_create_index_sql(relation, index_dict) %}
              {{ return(none) }}
            {% endmacro %}

            {% macro create_indexes(relation) %}
              {{ adapter.dispatch('create_indexes', 'dbt')(relation) }}
            {% endmacro %}

            {% macro default__create_indexes(relation) %}
              {% for index_dict in config.get('indexes', default=[]) %}
                {% set sql = get_create_index_sql(relation, index_dict) %}
                {% if sql %}
                  {% do run_query(sql) %}
                {% endif %}
              {% endfor %}
            {% endmacro %}
            """#)

        /// SQLite takes `create table ... as select`, without parentheses.
        static let sqlite = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/adapters.sql",
            source: #"""
            {#- Our own: SQLite's CREATE TABLE ... AS takes a bare select, and a relation is named without its database. -#}
            {% macro sqlite__create_table_as(temporary, relation, sql) -%}
              {%- set sql_header = config.get('sql_header', none) -%}

              {{ sql_header if sql_header is not none }}

              create {% if temporary -%}temporary{%- endif %} table
                {{ relation.include(schema=(not temporary)) }}
              as
                {{ sql }};
            {%- endmacro %}

            {#- Our own: likewise for views. -#}
            {% macro sqlite__create_view_as(relation, sql) -%}
              {%- set sql_header = config.get('sql_header', none) -%}

              {{ sql_header if sql_header is not none }}
              create view {{ relation }} as
                {{ sql }};
            {%- endmacro %}
            """#)
    }
}
