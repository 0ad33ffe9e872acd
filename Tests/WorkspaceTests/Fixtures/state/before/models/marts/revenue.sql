select sum(amount) as revenue from {{ ref('orders') }}
