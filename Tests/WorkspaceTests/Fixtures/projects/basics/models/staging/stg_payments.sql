select
    payments.id as payment_id,
    payments.order_id,
    payments.method as payment_method,
    payments.status_code,
    {{ cents_to_dollars('payments.amount_cents', scale=4) }} as amount
from {{ source('shop', 'payments') }} as payments
where payments.method in (
    {%- for method in var('payment_methods') %}
    '{{ method }}'{% if not loop.last %},{% endif %}
    {%- endfor %}
)
  and payments.status_code <= {{ var('max_payment_status_code', 3) }}
