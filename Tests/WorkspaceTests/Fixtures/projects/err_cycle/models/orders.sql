select * from {{ ref('order_items') }}
