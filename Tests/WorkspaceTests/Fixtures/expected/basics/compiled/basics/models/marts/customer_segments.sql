-- depends_on: "weir_fixtures"."analytics"."fct_orders"


select
    customers.customer_id,
    customers.full_name,
    case
        when customers.order_count >= 3 then 'loyal'
        when customers.order_count >= 1 then 'active'
        else 'prospect'
    end as segment,
    (select count(*) from "weir_fixtures"."analytics"."fct_orders") as total_orders
from "weir_fixtures"."analytics"."dim_customers_v1" as customers
inner join "weir_fixtures"."analytics_staging"."stg_customers" as stg
    on customers.customer_id = stg.customer_id