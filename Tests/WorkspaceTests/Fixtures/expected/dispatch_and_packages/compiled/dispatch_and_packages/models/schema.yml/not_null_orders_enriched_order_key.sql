
    
    
select order_key as null_value
from "weir_fixtures"."analytics"."orders_enriched"
where order_key is null

