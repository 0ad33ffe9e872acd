select
    {{ my_utils.surrogate_key(['orders.id', 'orders.customer_id']) }} as order_key,
    orders.id as order_id,
    {{ my_utils.clean_string('orders.customer_email') }} as customer_email,
    {{ my_utils.safe_divide('orders.amount', 'orders.quantity') }} as unit_price,
    calendar.calendar_date
from {{ source('app', 'orders') }} as orders
inner join {{ ref('my_utils', 'utils_calendar') }} as calendar
    on orders.ordered_at::date = calendar.calendar_date
