with __dbt__cte__stg_orders as (

-- Fixture for stg_orders
select 
    
    cast('1' as integer)
 as "id", 
    
    cast('1' as integer)
 as "customer_id", 
    
    cast('3.5' as double precision)
 as "amount", 
    
    cast('fr' as text)
 as "country", 
    
    cast('0' as boolean)
 as "is_returned"
union all
select 
    
    cast('2' as integer)
 as "id", 
    
    cast('2' as integer)
 as "customer_id", 
    
    cast('1.5' as double precision)
 as "amount", 
    
    cast('de' as text)
 as "country", 
    
    cast('0' as boolean)
 as "is_returned"
),  __dbt__cte__countries as (
select 'fr' as code, 'France' as name
) select o.id, o.amount * 2 as double_amount, c.name as country_name
from __dbt__cte__stg_orders o
left join __dbt__cte__countries c on c.code = o.country