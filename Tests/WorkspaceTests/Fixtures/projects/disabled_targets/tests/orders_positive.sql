select * from {{ ref('orders') }} where order_id < 0
