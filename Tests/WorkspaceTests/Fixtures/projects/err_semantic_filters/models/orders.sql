select 1 as order_id, 2.5 as amount, 'placed' as status, current_date as ordered_at
