select 10 as customer_id, 'Ada' as customer_name, current_date as first_ordered_at, 'gold' as tier
