
    
    



select order_id
from "weir_fixtures"."analytics"."fct_orders"
where order_id is null


