

select order_count
from "weir_fixtures"."analytics"."daily_order_counts"
where order_count < 0
   or order_count > 1000000

