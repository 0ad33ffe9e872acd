select
    customer_id,
    min(order_date) as first_order_date,
    max(order_date) as most_recent_order_date,
    count(*) as order_count,
    sum(amount_paid) as lifetime_value
from {{ ref('int_order_payments') }}
group by customer_id
