select 1 as order_id, 10 as customer_id, 'completed' as status, {{ cents_to_dollars(2550) }} as amount, true as is_food, current_date as ordered_at
