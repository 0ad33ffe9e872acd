{# With `--vars "{fetch_first: true}"`, previews limit their rows the SQL-standard way. #}
{% macro postgres__get_limit_sql(sql, limit) %}
  {%- if var('fetch_first', false) and limit is not none -%}
    {{ sql }} fetch first {{ limit }} rows only
  {%- else -%}
    {{ return(default__get_limit_sql(sql, limit)) }}
  {%- endif -%}
{% endmacro %}
