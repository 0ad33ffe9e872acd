-- depends_on: {{ ref('players') }}
{{ config(sql_header="set local search_path to " ~ target.schema ~ ";" if target.type == 'postgres' else none) }}
select id, name from {{ 'players' if target.type == 'postgres' else ref('players') }} where id <= 2 order by id
