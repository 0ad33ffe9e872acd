select customer_id from {{ ref('orders') }}
