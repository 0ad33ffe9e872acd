with __dbt__cte__stg_orders as (

-- Fixture for stg_orders
select cast(null as integer) as "id", cast(null as integer) as "customer_id", cast(null as double precision) as "amount", cast(null as text) as "country", cast(null as boolean) as "is_returned"
    limit 0
) select customer_id, count(*) as order_count, sum(amount) as total
from __dbt__cte__stg_orders
where not is_returned
group by customer_id