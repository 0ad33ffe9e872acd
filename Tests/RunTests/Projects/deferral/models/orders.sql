select 10 as order_id, 1 as customer_id, 12.5 as amount
union all select 11, 2, 9.9
