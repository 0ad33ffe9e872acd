
    
    



select amount
from (select * from (select * from "weir_fixtures"."analytics"."orders" where false limit 0) _dbt_limit_subq_orders where amount > 0) dbt_subquery
where amount is null


