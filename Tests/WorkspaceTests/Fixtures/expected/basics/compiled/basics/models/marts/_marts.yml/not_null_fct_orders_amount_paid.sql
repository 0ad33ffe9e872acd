
    
    



select amount_paid
from "weir_fixtures"."analytics"."fct_orders"
where amount_paid is null


