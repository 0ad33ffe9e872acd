select 1 as id, 'open' as status
