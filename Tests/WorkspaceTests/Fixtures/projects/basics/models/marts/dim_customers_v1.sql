with customers as (

    select * from {{ ref('stg_customers') }}

),

customer_orders as (

    select * from {{ ref('int_customer_orders') }}

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
