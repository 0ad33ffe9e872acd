with  __dbt__cte__int_order_payments as (
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
), customers as (

    select * from "weir_fixtures"."analytics_staging"."stg_customers"

),

customer_orders as (

    select * from __dbt__cte__int_customer_orders

)

select
    customers.customer_id,
    customers.full_name,
    customers.email,
    customers.country_code,
    customer_orders.first_order_date,
    customer_orders.order_count
from customers
left join customer_orders
    on customers.customer_id = customer_orders.customer_id