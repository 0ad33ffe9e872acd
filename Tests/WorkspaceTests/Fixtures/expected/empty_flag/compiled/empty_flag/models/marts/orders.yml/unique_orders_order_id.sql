
    
    

select
    order_id as unique_field,
    count(*) as n_records

from (select * from "weir_fixtures"."analytics"."orders" where false limit 0) _dbt_limit_subq_orders
where order_id is not null
group by order_id
having count(*) > 1


