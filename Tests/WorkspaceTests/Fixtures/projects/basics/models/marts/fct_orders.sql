{{
    config(
        materialized='incremental',
        unique_key='order_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook="analyze {{ this }}"
    )
}}

select
    order_id,
    customer_id,
    order_date,
    status,
    order_amount,
    amount_paid,
    order_amount - amount_paid as amount_outstanding,
    '{{ var("reporting_currency") }}' as currency
from {{ ref('int_order_payments') }}

{% if is_incremental() %}
-- only orders newer than the latest one already loaded into {{ this }}
where order_date > (select max(order_date) from {{ this }})
{% else %}
where order_date >= '{{ var("start_date") }}'
{% endif %}
