
    
    



select payment_id
from "weir_fixtures"."analytics_staging"."stg_payments"
where payment_id is null


