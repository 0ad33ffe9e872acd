select
    customers.customer_id,
    customers.full_name,
    customers.country_code,
    customers.region,
    customer_orders.first_order_date,
    customer_orders.most_recent_order_date,
    coalesce(customer_orders.order_count, 0) as order_count,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value
from {{ ref('stg_customers') }} as customers
left join {{ ref('int_customer_orders') }} as customer_orders
    on customers.customer_id = customer_orders.customer_id
