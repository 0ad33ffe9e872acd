select id as order_id, customer_id, {{ cents_to_dollars('amount_cents') }} as amount, status
from {{ ref('raw_orders') }}
