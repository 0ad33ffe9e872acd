-- One row per order with the total paid, shared by several marts.
select
    orders.order_id,
    orders.customer_id,
    orders.order_date,
    orders.status,
    orders.amount as order_amount,
    coalesce(sum(payments.amount), 0) as amount_paid,
    count(payments.payment_id) as payment_count
from {{ ref('stg_orders') }} as orders
left join {{ ref('stg_payments') }} as payments
    on orders.order_id = payments.order_id
group by 1, 2, 3, 4, 5
