select 1 as id, 10.0 as amount
