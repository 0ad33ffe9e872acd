{{ config(materialized='table') }}
{#- var('customers_variant') breaks the contract, or one of its constraints, for the tests. -#}
{%- set variant = var('customers_variant', 'ok') %}
select
    id,
    name,
    {%- if variant != 'missing_column' %}
    email,
    {%- endif %}
    {{ 'id' if variant == 'wrong_type' else 'tier' }} as tier
    {%- if variant == 'extra_column' %},
    name as nickname
    {%- endif %}
from {{ ref('raw_customers') }}
{%- if variant == 'null_name' %}
union all select 3, null, 'nobody@example.com', 'gold'
{%- elif variant == 'duplicate_email' %}
union all select 3, 'Ada again', 'ada@example.com', 'gold'
{%- elif variant == 'duplicate_id' %}
union all select 1, 'Bob', 'bob@example.com', 'gold'
{%- elif variant == 'bad_tier' %}
union all select 3, 'Bob', 'bob@example.com', 'bronze'
{%- endif %}
