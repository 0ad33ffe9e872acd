// Weir's built-in macro library, generic tests.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// The built-in generic tests, their SQL, and the helpers the test runner renders around them.
    static let genericTests: [BuiltinMacroFile] = [
        GenericTests.builtinTests,
        GenericTests.uniqueSQL,
        GenericTests.notNullSQL,
        GenericTests.acceptedValuesSQL,
        GenericTests.relationshipsSQL,
        GenericTests.whereSubquery,
        GenericTests.testSQL,
        GenericTests.configFlags,
    ]

    enum GenericTests {
        /// `test_unique`, `test_not_null`, `test_accepted_values`, `test_relationships` (declared with `{% test %}`).
        static let builtinTests = BuiltinMacroFile(
            package: "dbt", path: "tests/generic/builtin.sql",
            source: #"""
            {#- The four generic tests every project has. Each is a thin shell over a dispatched test_<name> macro, so an
                adapter or package can swap the SQL; what they render is the shell's whitespace around that SQL. -#}

            {% test unique(model, column_name) %}
                {% set macro = adapter.dispatch('test_unique', 'dbt') %}
                {{ macro(model, column_name) }}
            {% endtest %}

            {% test not_null(model, column_name) %}
                {% set macro = adapter.dispatch('test_not_null', 'dbt') %}
                {{ macro(model, column_name) }}
            {% endtest %}

            {% test accepted_values(model, column_name, values, quote=True) %}
                {% set macro = adapter.dispatch('test_accepted_values', 'dbt') %}
                {{ macro(model, column_name, values, quote) }}
            {% endtest %}

            {% test relationships(model, column_name, to, field) %}
                {% set macro = adapter.dispatch('test_relationships', 'dbt') %}
                {{ macro(model, column_name, to, field) }}
            {% endtest %}
            """#)

        /// `default__test_unique`.
        static let uniqueSQL = BuiltinMacroFile(
            package: "dbt", path: "macros/generic_test_sql/unique.sql",
            source: #"""
            {#- Rows are failures: each non-null value that occurs more than once. -#}
            {% macro default__test_unique(model, column_name) %}

            select
                {{ column_name }} as unique_field,
                count(*) as n_records

            from {{ model }}
            where {{ column_name }} is not null
            group by {{ column_name }}
            having count(*) > 1

            {% endmacro %}
            """#)

        /// `default__test_not_null`.
        static let notNullSQL = BuiltinMacroFile(
            package: "dbt", path: "macros/generic_test_sql/not_null.sql",
            source: #"""
            {#- Rows are failures: the null rows, whole when failures are stored so they can be inspected. -#}
            {% macro default__test_not_null(model, column_name) %}

            {% set column_list = '*' if should_store_failures() else column_name %}

            select {{ column_list }}
            from {{ model }}
            where {{ column_name }} is null

            {% endmacro %}
            """#)

        /// `default__test_accepted_values`.
        static let acceptedValuesSQL = BuiltinMacroFile(
            package: "dbt", path: "macros/generic_test_sql/accepted_values.sql",
            source: #"""
            {#- Rows are failures: each distinct value outside the list; quote=false compares against bare expressions. -#}
            {% macro default__test_accepted_values(model, column_name, values, quote=True) %}

            with all_values as (

                select
                    {{ column_name }} as value_field,
                    count(*) as n_records

                from {{ model }}
                group by {{ column_name }}

            )

            select *
            from all_values
            where value_field not in (
                {% for value in values -%}
                    {% if quote -%}
                    '{{ value }}'
                    {%- else -%}
                    {{ value }}
                    {%- endif -%}
                    {%- if not loop.last -%},{%- endif %}
                {%- endfor %}
            )

            {% endmacro %}
            """#)

        /// `default__test_relationships`.
        static let relationshipsSQL = BuiltinMacroFile(
            package: "dbt", path: "macros/generic_test_sql/relationships.sql",
            source: #"""
            {#- Rows are failures: non-null keys in model with no match in the parent relation `to`. -#}
            {% macro default__test_relationships(model, column_name, to, field) %}

            with child as (
                select {{ column_name }} as from_field
                from {{ model }}
                where {{ column_name }} is not null
            ),

            parent as (
                select {{ field }} as to_field
                from {{ to }}
            )

            select
                from_field

            from child
            left join parent
                on child.from_field = parent.to_field

            where parent.to_field is null

            {% endmacro %}
            """#)

        /// `get_where_subquery(relation)`.
        static let whereSubquery = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/tests/where_subquery.sql",
            source: #"""
            {#- What a generic test receives as `model`: the relation itself, or a filtered subquery over it when the test
                is configured with `where`. -#}
            {% macro get_where_subquery(relation) -%}
                {% do return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) %}
            {%- endmacro %}

            {% macro default__get_where_subquery(relation) -%}
                {%- set where = config.get('where', '') -%}
                {%- if where -%}
                    {%- set filtered -%}
                        (select * from {{ relation }} where {{ where }}) dbt_subquery
                    {%- endset -%}
                    {% do return(filtered) %}
                {%- else -%}
                    {% do return(relation) %}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `get_test_sql(main_sql, fail_calc, warn_if, error_if, limit)`.
        static let testSQL = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/tests/helpers.sql",
            source: #"""
            {#- Wraps a test's query so one row reports the failure count and whether it crosses warn_if / error_if.
                Not a return(): renders the implementation in place. -#}
            {% macro get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
                {{ adapter.dispatch('get_test_sql', 'dbt')(main_sql, fail_calc, warn_if, error_if, limit) }}
            {%- endmacro %}

            {% macro default__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
                select
                  {{ fail_calc }} as failures,
                  {{ fail_calc }} {{ warn_if }} as should_warn,
                  {{ fail_calc }} {{ error_if }} as should_error
                from (
                  {{ main_sql }}
                  {{ "limit " ~ limit if limit != none }}
                ) dbt_internal_test
            {%- endmacro %}
            """#)

        /// `should_full_refresh()` and `should_store_failures()`.
        static let configFlags = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/configs.sql",
            source: #"""
            {#- A node's full_refresh / store_failures config when set, else the run's command-line flag. -#}
            {% macro should_full_refresh() -%}
                {%- set full_refresh = config.get('full_refresh') -%}
                {%- if full_refresh is none -%}
                    {%- set full_refresh = flags.FULL_REFRESH -%}
                {%- endif -%}
                {% do return(full_refresh) %}
            {%- endmacro %}

            {% macro should_store_failures() -%}
                {%- set store_failures = config.get('store_failures') -%}
                {%- if store_failures is none -%}
                    {%- set store_failures = flags.STORE_FAILURES -%}
                {%- endif -%}
                {% do return(store_failures) %}
            {%- endmacro %}
            """#)
    }
}
