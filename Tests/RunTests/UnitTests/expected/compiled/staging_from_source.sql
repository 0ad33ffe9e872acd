with __dbt__cte__shop__orders as (

-- Fixture for orders
select 
    
    cast(1 as integer)
 as "id", cast(null as integer) as "customer_id", 
    
    cast(10 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast('returned' as text)
 as "status"
union all
select 
    
    cast(2 as integer)
 as "id", cast(null as integer) as "customer_id", 
    
    cast(1 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast('placed' as text)
 as "status"
) select id, customer_id, amount, country, status = 'returned' as is_returned
from __dbt__cte__shop__orders
where amount >= 5