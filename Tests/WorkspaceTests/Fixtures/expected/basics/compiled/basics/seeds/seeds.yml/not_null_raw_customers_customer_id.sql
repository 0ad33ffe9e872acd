
    
    



select customer_id
from "weir_fixtures"."analytics_raw"."raw_customers"
where customer_id is null


