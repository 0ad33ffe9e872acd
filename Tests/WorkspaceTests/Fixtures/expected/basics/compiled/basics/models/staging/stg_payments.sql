select
    payments.id as payment_id,
    payments.order_id,
    payments.method as payment_method,
    payments.status_code,
    round((payments.amount_cents / 100.0)::numeric, 4) as amount
from weir_fixtures.raw_shop."Payments" as payments
where payments.method in (
    'credit_card',
    'bank_transfer',
    'gift_card',
    'coupon'
)
  and payments.status_code <= 3