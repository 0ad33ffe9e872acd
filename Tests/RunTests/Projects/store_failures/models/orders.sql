{{ config(materialized='table') }}
select 1 as order_id, 'placed' as status, 250 as amount
union all select 2, 'shipped', null
union all select 2, null, 975
union all select 3, null, 120
