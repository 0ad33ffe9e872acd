{#- A snapshot's time is the moment it runs; fixed here to noon of the day's date in February, so
    that the snapshots' rows (and their scd ids) are the same in every run of the fixtures. -#}
{% macro snapshot_get_time() -%}
  {%- if var('fixed_time') -%}
    {{ fixed_timestamp('2024-02-0' ~ var('day') ~ ' 12:00:00') }}
  {%- else -%}
    {{ adapter.dispatch('snapshot_get_time', 'dbt')() }}
  {%- endif -%}
{%- endmacro %}

{#- A timestamp literal: typed on PostgreSQL, ISO text on SQLite (which stores times as text). -#}
{% macro fixed_timestamp(text) -%}
  {%- if target.type == 'postgres' -%} cast('{{ text }}' as timestamp) {%- else -%} '{{ text }}' {%- endif -%}
{%- endmacro %}
