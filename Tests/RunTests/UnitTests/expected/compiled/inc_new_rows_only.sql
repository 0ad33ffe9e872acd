
with __dbt__cte__inc_orders as (

-- Fixture for inc_orders
select 
    
    cast(1 as integer)
 as "id", 
    
    cast(1 as double precision)
 as "amount", cast(null as text) as "origin"
),  __dbt__cte__stg_orders as (

-- Fixture for stg_orders
select 
    
    cast(1 as integer)
 as "id", cast(null as integer) as "customer_id", 
    
    cast(1 as double precision)
 as "amount", cast(null as text) as "country", cast(null as boolean) as "is_returned"
union all
select 
    
    cast(5 as integer)
 as "id", cast(null as integer) as "customer_id", 
    
    cast(5 as double precision)
 as "amount", cast(null as text) as "country", cast(null as boolean) as "is_returned"
) select id, amount, 'replay' as origin
from __dbt__cte__stg_orders

where id > (select max(id) from __dbt__cte__inc_orders)
