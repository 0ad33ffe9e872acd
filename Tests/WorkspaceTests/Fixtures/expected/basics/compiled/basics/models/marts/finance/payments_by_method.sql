select
    payment_method,
    count(*) as payment_count,
    sum(amount) as total_amount
from "weir_fixtures"."analytics_staging"."stg_payments"
group by payment_method