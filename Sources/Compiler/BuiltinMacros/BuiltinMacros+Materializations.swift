// Weir's built-in macro library: the helpers a project's own `{% materialization %}` block calls
// (Weir's own materializations are written in Swift, see Planning). Unlike the rest of the library,
// their SQL is not held to dbt's byte for byte (Scripts/check_builtin_macros.py leaves them out):
// Tests/RunTests/CustomMaterializationRunTests.swift checks what they do against dbt-postgres.

extension BuiltinMacros {
    /// Hooks, relation names and the `create ... as` statements, as dbt's materializations use them.
    static let materializations: [BuiltinMacroFile] = [
        Materializations.hooks, Materializations.drop, Materializations.createTable, Materializations.createView,
        Materializations.postgres, Materializations.sqlite,
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

            {% macro postgres__make_backup_relation(base_relation, backup_relation_type, suffix) %}
              {% set relation = postgres__make_relation_with_suffix(base_relation, suffix, dstring=False) %}
              {{ return(relation.incorporate(type=backup_relation_type)) }}
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
