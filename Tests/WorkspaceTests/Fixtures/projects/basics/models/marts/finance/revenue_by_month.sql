{{ config(alias='monthly_revenue') }}

select
    date_trunc('month', orders.order_date) as revenue_month,
    customers.region,
    sum(orders.amount_paid) as revenue,
    count(distinct orders.customer_id) as paying_customers
from {{ ref('fct_orders') }} as orders
inner join {{ ref('dim_customers') }} as customers
    on orders.customer_id = customers.customer_id
where orders.status <> 'returned'
group by 1, 2
