
    
    
select customer_email as null_value
from (select * from "weir_fixtures"."analytics"."orders_enriched" where order_id > 100) dbt_subquery
where customer_email is null

