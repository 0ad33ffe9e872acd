select 1 as customer_id, 'Ada' as name
union all select 2, 'Linus'
