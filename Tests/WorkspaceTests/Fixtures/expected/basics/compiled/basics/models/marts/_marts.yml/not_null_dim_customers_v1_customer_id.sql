
    
    



select customer_id
from "weir_fixtures"."analytics"."dim_customers_v1"
where customer_id is null


