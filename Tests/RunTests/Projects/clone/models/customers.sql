select 1 as id, 'Ada' as name, 'FR' as country union all select 2, 'Grace', 'JP'
