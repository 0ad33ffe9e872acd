{{ config(materialized='incremental', unique_key='order_id', incremental_strategy=var('strategy', 'delete+insert'), on_schema_change='append_new_columns') }}
select order_id, customer_id, amount, status
{%- if var('with_day', false) %}, ordered_on{% endif %}
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where order_id > (select coalesce(max(order_id), 0) - 2 from {{ this }})
{% endif %}
