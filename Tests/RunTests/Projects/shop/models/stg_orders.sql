{{ config(materialized='view') }}
select order_id, customer_id, amount, status, ordered_on
from {{ ref('raw_orders') }}
where order_id <= {{ var('max_order_id', 100) }}
