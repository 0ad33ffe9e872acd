{# Root-project overrides of dbt's own dispatched macros. For the `dbt`
   namespace dbt searches the root project first (every adapter prefix), then
   the dbt packages: #}

{# - dbt has no postgres__hash, and this root default__hash replaces dbt's default__hash. #}
{% macro default__hash(field) -%}
    md5(cast({{ field }} as {{ api.Column.translate_type('string') }}))
{%- endmacro %}

{# - dbt-postgres ships postgres__any_value, but the root project is searched
     first, so this root default__any_value wins over it. #}
{% macro default__any_value(expression) -%}
    (array_agg({{ expression }}))[1]
{%- endmacro %}

{# - the built-in generic test not_null, rewritten to return only the key column. #}
{% macro default__test_not_null(model, column_name) %}
select {{ column_name }} as null_value
from {{ model }}
where {{ column_name }} is null
{% endmacro %}
