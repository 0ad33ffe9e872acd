

with __dbt__cte__int_order_payments as (
-- One row per order with the total paid, shared by several marts.
select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.status,
    orders.amount as order_amount,
    coalesce(sum(payments.amount), 0) as amount_paid,
    count(payments.payment_id) as payment_count
from "weir_fixtures"."analytics_staging"."orders" as orders
left join "weir_fixtures"."analytics_staging"."stg_payments" as payments
    on orders.order_id = payments.order_id
group by 1, 2, 3, 4, 5
) select
    order_id,
    customer_id,
    order_date,
    status,
    order_amount,
    amount_paid,
    order_amount - amount_paid as amount_outstanding,
    'EUR' as currency
from __dbt__cte__int_order_payments


where order_date >= '2024-01-01'
