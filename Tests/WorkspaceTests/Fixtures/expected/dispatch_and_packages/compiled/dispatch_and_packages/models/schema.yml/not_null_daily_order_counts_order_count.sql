
    
    
select order_count as null_value
from "weir_fixtures"."analytics"."daily_order_counts"
where order_count is null

