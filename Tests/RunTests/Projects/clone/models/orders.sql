{{ config(materialized='view') }}
select 10 as order_id, 1 as customer_id, 25 as amount union all select 11, 2, 40
