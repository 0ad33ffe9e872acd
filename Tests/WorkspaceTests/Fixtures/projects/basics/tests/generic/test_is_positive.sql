{% test is_positive(model, column_name) %}
{#- A test's own config() calls are read at parse time (dbt renders the definition then);
    the test's YAML config wins over them. -#}
{{ config(fail_calc='count(distinct ' ~ column_name ~ ')', limit=5, tags=['positive']) }}

select *
from {{ model }}
where {{ column_name }} <= 0

{% endtest %}
