{{ config(materialized='incremental', on_schema_change='append_new_columns') }}
{#- var('events_variant'): rows for a later incremental run, some of them breaking the contract. -#}
{%- set variant = var('events_variant', 'ok') %}
select
    order_id,
    {{ 'status' if variant == 'wrong_type' else 'amount' }} as amount
from {{ ref('raw_orders') }}
{%- if is_incremental() %}
where order_id > (select max(order_id) from {{ this }})
{%- endif %}
{%- if variant == 'more' %}
union all select 103, 7.25
{%- elif variant == 'null_amount' %}
union all select 104, null
{%- endif %}
