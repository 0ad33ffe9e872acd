
    
    



select customer_id
from "weir_fixtures"."analytics_staging"."stg_customers"
where customer_id is null


