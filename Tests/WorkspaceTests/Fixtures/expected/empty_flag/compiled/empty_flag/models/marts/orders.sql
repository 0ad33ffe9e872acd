with __dbt__cte__big_orders as (

select * from (select * from "weir_fixtures"."analytics"."stg_orders" where false limit 0) _dbt_limit_subq_stg_orders where amount > 100
) -- `--empty` limits every ref and source to no rows; `this` and a relation's render() stay whole.
select
    o.order_id,
    c.name,
    o.amount,
    '"weir_fixtures"."analytics"."orders"' as built_as,
    '"weir_fixtures"."analytics"."stg_orders"' as read_from
from (select * from "weir_fixtures"."analytics"."stg_orders" where false limit 0) _dbt_limit_subq_stg_orders as o
join (select * from "weir_fixtures"."analytics"."stg_customers" where false limit 0) _dbt_limit_subq_stg_customers as c on c.customer_id = o.customer_id
left join (select * from __dbt__cte__big_orders where false limit 0) _dbt_limit_subq___dbt__cte__big_orders as b on b.order_id = o.order_id
left join (select * from "analytics"."stg_customers" where false limit 0) _dbt_limit_subq_stg_customers as c2 on c2.customer_id = o.customer_id