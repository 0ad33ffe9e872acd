{#- Reached through dispatch from the `has_rows` test: its config() call counts as the test's own. -#}
{% macro default__test_has_rows(model, min_rows) %}
{{ config(severity='warn', warn_if='>= 1') }}

select count(*) as row_count
from {{ model }}
having count(*) < {{ min_rows }}

{% endmacro %}
