select
    customer_id,
    {{ dbt.any_value('customer_email') }} as any_email,
    {{ dbt.bool_or('is_gift') }} as ever_sent_a_gift,
    {{ dbt.listagg('status') }} as statuses,
    {{ dbt.listagg(measure='status', delimiter_text="', '", order_by_clause='order by ordered_at') }} as statuses_in_order,
    {{ dbt.listagg('id::text', "'|'", 'order by ordered_at desc', 3) }} as last_three_orders
from {{ source('app', 'orders') }}
group by customer_id
