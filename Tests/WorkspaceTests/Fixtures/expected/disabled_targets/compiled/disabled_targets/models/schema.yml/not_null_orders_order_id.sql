
    
    



select order_id
from "weir_fixtures"."analytics"."orders"
where order_id is null


