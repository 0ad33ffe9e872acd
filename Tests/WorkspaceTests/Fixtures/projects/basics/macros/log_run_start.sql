{% macro log_run_start(project) -%}
    {% do log("Starting a run of " ~ project, info=false) %}
    select 1 as run_started
{%- endmacro %}
