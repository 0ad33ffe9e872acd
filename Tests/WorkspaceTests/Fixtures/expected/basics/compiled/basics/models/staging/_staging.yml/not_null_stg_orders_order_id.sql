
    
    



select order_id
from (select * from "weir_fixtures"."analytics_staging"."orders" where order_date >= '2024-01-01') dbt_subquery
where order_id is null


