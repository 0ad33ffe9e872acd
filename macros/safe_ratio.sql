{#- numerator / denominator as a fraction rounded to `precision` places, null when the
    denominator is 0. Both sides are often integer counts, and integer division truncates on
    both warehouses, so the numerator is cast first: to real on SQLite (casting to numeric there
    keeps integers as integers), to numeric on PostgreSQL (round(x, n) does not accept double
    precision). -#}
{% macro safe_ratio(numerator, denominator, precision=4) -%}
    {{ return(adapter.dispatch('safe_ratio', 'music_streaming')(numerator, denominator, precision)) }}
{%- endmacro %}

{% macro default__safe_ratio(numerator, denominator, precision) -%}
    round(cast({{ numerator }} as numeric) / nullif({{ denominator }}, 0), {{ precision }})
{%- endmacro %}

{% macro sqlite__safe_ratio(numerator, denominator, precision) -%}
    round(cast({{ numerator }} as real) / nullif({{ denominator }}, 0), {{ precision }})
{%- endmacro %}
