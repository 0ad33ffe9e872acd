
with __dbt__cte__stg_orders as (

-- Fixture for stg_orders
select 
    
    cast(1 as integer)
 as "id", cast(null as integer) as "customer_id", 
    
    cast(1 as double precision)
 as "amount", cast(null as text) as "country", cast(null as boolean) as "is_returned"
) select id, amount, 'shop' as origin
from __dbt__cte__stg_orders
