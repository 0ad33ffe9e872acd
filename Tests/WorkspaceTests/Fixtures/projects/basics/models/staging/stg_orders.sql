{{ config(materialized='view', alias='orders', tags=['orders']) }}

select
    id as order_id,
    customer_id,
    status,
    amount_cents,
    {{ cents_to_dollars('amount_cents') }} as amount,
    ordered_at::date as order_date,
    '{{ env_var("WEIR_BASICS_SALES_CHANNEL", "web") }}' as sales_channel
from {{ source('shop', 'orders') }}
where amount_cents >= {{ var('min_order_amount') * 100 }}
