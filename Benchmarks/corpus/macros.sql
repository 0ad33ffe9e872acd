{#- A realistic dbt-style macro library, pure Jinja (no dbt context), for the render benchmark. -#}
{% macro quote_identifier(name) -%}
    "{{ name | replace('"', '""') }}"
{%- endmacro %}

{% macro column_list(columns, prefix='', exclude=[]) -%}
    {%- for column in columns if column.name not in exclude -%}
        {{ prefix ~ quote_identifier(column.name) }}{{ ',' if not loop.last }}
    {% endfor -%}
{%- endmacro %}

{% macro surrogate_key(fields) -%}
    md5(
    {%- for field in fields %}
        coalesce(cast({{ field }} as varchar), '_null_'){% if not loop.last %} || '-' ||{% endif %}
    {%- endfor %}
    )
{%- endmacro %}

{% macro pivot(column, values, agg='sum', then_value=1, else_value=0, suffix='') -%}
    {%- for value in values %}
    {{ agg }}(case when {{ column }} = '{{ value | replace("'", "''") }}' then {{ then_value }} else {{ else_value }} end)
        as {{ quote_identifier((column ~ '_' ~ value ~ suffix) | lower | replace(' ', '_')) }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro date_spine_cte(start_date, days) -%}
    with days as (
    {%- for i in range(days) %}
        select date '{{ start_date }}' + {{ i }} as day{{ ' union all' if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{% macro star_except(columns, except=[], relation_alias=none) -%}
    {%- set ns = namespace(selected=[]) -%}
    {%- for column in columns -%}
        {%- if column.name | lower not in except | map('lower') | list -%}
            {%- set ns.selected = ns.selected + [(relation_alias ~ '.' if relation_alias else '') ~ quote_identifier(column.name)] -%}
        {%- endif -%}
    {%- endfor -%}
    {{ ns.selected | join(',\n    ') }}
{%- endmacro %}

{% macro union_relations(relations, columns) -%}
    {%- for relation in relations %}
    select
        '{{ relation.name }}' as _source_relation,
        {%- for column in columns %}
        {% if column.name in relation.columns %}{{ quote_identifier(column.name) }}{% else %}cast(null as {{ column.type }}){% endif %} as {{ quote_identifier(column.name) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation.schema }}.{{ relation.name }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro test_accepted_values(model, column_name, values, quote=true) -%}
    with all_values as (
        select {{ column_name }} as value_field, count(*) as n_records
        from {{ model }}
        group by {{ column_name }}
    )
    select * from all_values
    where value_field not in (
        {%- for value in values -%}
            {% if quote %}'{{ value }}'{% else %}{{ value }}{% endif %}{{ ', ' if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}

{% macro generate_model(model) -%}
{%- set key = surrogate_key(model.key_columns) -%}
-- {{ model.name | upper }}: {{ model.description | default('no description') | truncate(60) }}
{{ date_spine_cte('2024-01-01', 7) }},
source_rows as (
    select
        {{ key | indent(8) }} as {{ quote_identifier(model.name ~ '_key') }},
        {{ column_list(model.columns, prefix='src.') | indent(8) }}
    from {{ model.schema }}.{{ model.name }} as src
    {%- if model.filters %}
    where {{ model.filters | join(' and ') }}
    {%- endif %}
),
pivoted as (
    select {{ model.columns[0].name }},
    {{- pivot('status', model.statuses) | indent(4) }}
    from source_rows
    group by 1
),
final as (
    select {{ star_except(model.columns, except=['_loaded_at', 'Secret'], relation_alias='s') }}
    from source_rows s
)
{{ union_relations(model.relations, model.columns) }}
{%- for column in model.columns | selectattr('tested') %}
-- test: {{ test_accepted_values(model.name, column.name, model.statuses) | replace('\n', ' ') | truncate(80) }}
{%- endfor %}
{%- endmacro %}
