select 2 as customer_id, 'gold' as tier, current_date as status
