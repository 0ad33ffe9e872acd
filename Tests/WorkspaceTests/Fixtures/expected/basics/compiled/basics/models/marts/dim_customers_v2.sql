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
),  __dbt__cte__int_customer_orders as (
select
    customer_id,
    min(order_date) as first_order_date,
    max(order_date) as most_recent_order_date,
    count(*) as order_count,
    sum(amount_paid) as lifetime_value
from __dbt__cte__int_order_payments
group by customer_id
) select
    customers.customer_id,
    customers.full_name,
    customers.country_code,
    customers.region,
    customer_orders.first_order_date,
    customer_orders.most_recent_order_date,
    coalesce(customer_orders.order_count, 0) as order_count,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value
from "weir_fixtures"."analytics_staging"."stg_customers" as customers
left join __dbt__cte__int_customer_orders as customer_orders
    on customers.customer_id = customer_orders.customer_id