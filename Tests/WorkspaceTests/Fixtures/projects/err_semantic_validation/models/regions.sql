select 'north' as region, 1 as "order"
