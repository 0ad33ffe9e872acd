

select
    id as order_id,
    customer_id,
    status,
    amount_cents,
    round((amount_cents / 100.0)::numeric, 2) as amount,
    ordered_at::date as order_date,
    'web' as sales_channel
from weir_fixtures.raw_shop.shop_orders_v2
where amount_cents >= 500