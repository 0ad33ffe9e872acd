// Weir's built-in macro library, unit tests.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (the unit test fixtures in Tests/RunTests/UnitTests check the fixtures' SQL). Whitespace is significant.

extension BuiltinMacros {
    /// What running a unit test renders: each input's fixture rows as a query, the expected rows
    /// as a query, and the query that returns both sides for comparison.
    static let unitTests: [BuiltinMacroFile] = [UnitTests.fixtures, UnitTests.comparison]

    enum UnitTests {
        /// `get_fixture_sql`, `get_expected_sql`, `format_row`, `validate_fixture_rows`.
        static let fixtures = BuiltinMacroFile(
            package: "dbt", path: "macros/unit_test_sql/get_fixture_sql.sql",
            source: #"""
            {#- One input of a unit test (the render's `model` and `this`) as a query: a select per fixture row, every
                column of the input's relation that the row leaves out given as a typed null; no rows gives a select of
                nulls with `limit 0`. The relation must exist: its columns give the types. -#}
            {% macro get_fixture_sql(rows, column_name_to_data_types) -%}
            {%- set types = column_name_to_data_types or {} -%}
            {%- set quoted = {} -%}
            {%- if not types -%}
              {%- for column in adapter.get_columns_in_relation(this) -%}
                {%- do types.update({column.name | lower: column.data_type}) -%}
                {%- do quoted.update({column.name | lower: column.quoted}) -%}
              {%- endfor -%}
            {%- endif -%}
            {%- if not types -%}
              {{ exceptions.raise_compiler_error("Not able to get columns for unit test '" ~ model.name ~ "' from relation " ~ this ~ " because the relation doesn't exist") }}
            {%- endif -%}
            {%- set nulls = {} -%}
            {%- for name, data_type in types.items() -%}
              {%- do nulls.update({name: safe_cast("null", data_type) | trim}) -%}
            {%- endfor -%}
            {%- do validate_fixture_rows(rows, none) -%}
            {%- set selects = [] -%}
            {%- for row in rows -%}
              {%- set values = nulls.copy() -%}
              {%- do values.update(format_row(row, types)) -%}
              {%- set cells = [] -%}
              {%- for name, value in values.items() -%}
                {%- do cells.append(" " ~ value ~ " as " ~ quoted[name]) -%}
              {%- endfor -%}
              {%- do selects.append("select" ~ cells | join(",")) -%}
            {%- endfor -%}
            {%- if rows | length == 0 -%}
              {%- set cells = [] -%}
              {%- for name, value in nulls.items() -%}
                {%- do cells.append(" " ~ value ~ " as " ~ quoted[name]) -%}
              {%- endfor -%}
              {%- do selects.append("select" ~ cells | join(",") ~ "\n    limit 0") -%}
            {%- endif -%}
            {{ "\n-- Fixture for " ~ model.name ~ "\n" ~ selects | join("\nunion all\n") }}
            {%- endmacro %}

            {#- A unit test's expected rows as a query, cast to the types of the model's columns; no rows selects none
                of the model's. -#}
            {% macro get_expected_sql(rows, column_name_to_data_types, column_name_to_quoted) -%}
            {%- if rows | length == 0 -%}
              {{ "select * from dbt_internal_unit_test_actual\n    limit 0" }}
            {%- else -%}
              {%- set selects = [] -%}
              {%- for row in rows -%}
                {%- set cells = [] -%}
                {%- for name, value in format_row(row, column_name_to_data_types).items() -%}
                  {%- do cells.append(" " ~ value ~ " as " ~ column_name_to_quoted[name]) -%}
                {%- endfor -%}
                {%- do selects.append("select" ~ cells | join(",")) -%}
              {%- endfor -%}
              {{ selects | join("\nunion all\n") }}
            {%- endif -%}
            {%- endmacro %}

            {#- A fixture row's values as SQL, by lower-cased column name: strings quoted, None as null, each cast to the
                column's type (a string to an unsized varchar, so that it is not cut short). A column the relation does
                not have is an error naming the ones it has. -#}
            {% macro format_row(row, column_name_to_data_types) -%}
            {%- set formatted = {} -%}
            {%- for given_name, given_value in row.items() -%}
              {%- set name = given_name | lower -%}
              {%- if name not in column_name_to_data_types -%}
                {%- set fixture_name = "expected output" if model.resource_type == 'unit_test' else ("'" ~ model.name ~ "'") -%}
                {{ exceptions.raise_compiler_error("Invalid column name: '" ~ name ~ "' in unit test fixture for " ~ fixture_name ~ ".\nAccepted columns for " ~ fixture_name ~ " are: " ~ (column_name_to_data_types.keys() | list)) }}
              {%- endif -%}
              {%- set data_type = column_name_to_data_types[name] -%}
              {%- if given_value is string and 'varying' in data_type -%}
                {%- set data_type = data_type.split('(')[0] -%}
              {%- endif -%}
              {%- if given_value is string -%}
                {%- set literal = dbt.string_literal(dbt.escape_single_quotes(given_value)) -%}
              {%- elif given_value is none -%}
                {%- set literal = 'null' -%}
              {%- else -%}
                {%- set literal = given_value -%}
              {%- endif -%}
              {%- do formatted.update({name: safe_cast(literal, data_type)}) -%}
            {%- endfor -%}
            {{ return(formatted) }}
            {%- endmacro %}

            {% macro validate_fixture_rows(rows, row_number) -%}
              {{ return(adapter.dispatch('validate_fixture_rows', 'dbt')(rows, row_number)) }}
            {%- endmacro %}

            {#- Where an adapter checks fixture rows; by default it takes them all. -#}
            {% macro default__validate_fixture_rows(rows, row_number) -%}
            {%- endmacro %}
            """#)

        /// `get_unit_test_sql`: the tested query's rows and the expected rows, told apart by `actual_or_expected`.
        static let comparison = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/tests/helpers.sql",
            source: #"""
            {% macro get_unit_test_sql(main_sql, expected_fixture_sql, expected_column_names) -%}
              {{ adapter.dispatch('get_unit_test_sql', 'dbt')(main_sql, expected_fixture_sql, expected_column_names) }}
            {%- endmacro %}

            {#- Both sides keep only the expected columns, so a test may check some of the model's columns. -#}
            {% macro default__get_unit_test_sql(main_sql, expected_fixture_sql, expected_column_names) -%}
            -- Build actual result given inputs
            with dbt_internal_unit_test_actual as (
              select
                {{ expected_column_names | join(",") }}, {{ dbt.string_literal("actual") }} as {{ adapter.quote("actual_or_expected") }}
              from (
                {{ main_sql }}
              ) _dbt_internal_unit_test_actual
            ),
            -- Build expected result
            dbt_internal_unit_test_expected as (
              select
                {{ expected_column_names | join(", ") }}, {{ dbt.string_literal("expected") }} as {{ adapter.quote("actual_or_expected") }}
              from (
                {{ expected_fixture_sql }}
              ) _dbt_internal_unit_test_expected
            )
            -- Union actual and expected results
            select * from dbt_internal_unit_test_actual
            union all
            select * from dbt_internal_unit_test_expected
            {%- endmacro %}
            """#)
    }
}
