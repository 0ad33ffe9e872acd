with __dbt__cte__stg_orders as (

-- Fixture for stg_orders
select 
    
    cast(1 as integer)
 as "id", 
    
    cast(1 as integer)
 as "customer_id", 
    
    cast(10 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast(False as boolean)
 as "is_returned"
union all
select 
    
    cast(2 as integer)
 as "id", 
    
    cast(1 as integer)
 as "customer_id", 
    
    cast(5 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast(False as boolean)
 as "is_returned"
union all
select 
    
    cast(3 as integer)
 as "id", 
    
    cast(2 as integer)
 as "customer_id", 
    
    cast(1 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast(False as boolean)
 as "is_returned"
union all
select 
    
    cast(4 as integer)
 as "id", 
    
    cast(3 as integer)
 as "customer_id", 
    
    cast(2 as double precision)
 as "amount", cast(null as text) as "country", 
    
    cast(False as boolean)
 as "is_returned"
) select customer_id, count(*) as order_count, sum(amount) as total
from __dbt__cte__stg_orders
where not is_returned
group by customer_id