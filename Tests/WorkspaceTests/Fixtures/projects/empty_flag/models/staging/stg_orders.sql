select id as order_id, customer_id, amount, {{ in_cents('amount') }} as amount_cents from {{ source('shop', 'orders') }}
