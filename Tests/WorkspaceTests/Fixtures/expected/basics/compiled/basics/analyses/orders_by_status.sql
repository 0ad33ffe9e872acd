select
    status,
    count(*) as order_count
from "weir_fixtures"."analytics"."fct_orders"
group by status
order by order_count desc