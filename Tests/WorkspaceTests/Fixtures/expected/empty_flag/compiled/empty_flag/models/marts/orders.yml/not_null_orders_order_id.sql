
    
    



select order_id
from (select * from "weir_fixtures"."analytics"."orders" where false limit 0) _dbt_limit_subq_orders
where order_id is null


