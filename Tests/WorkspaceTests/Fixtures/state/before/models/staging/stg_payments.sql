select id as order_id, amount_cents from {{ source('shop', 'payments') }}
