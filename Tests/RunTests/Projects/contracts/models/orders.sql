{{ config(materialized='table') }}
{%- set variant = var('orders_variant', 'ok') %}
select order_id, customer_id, amount
from {{ ref('raw_orders') }}
{%- if variant == 'unknown_customer' %}
union all select 103, 42, 5.00
{%- elif variant == 'negative_amount' %}
union all select 103, 1, -5.00
{%- endif %}
