select
    md5(orders.id || '|' || orders.customer_id) as order_key,
    orders.id as order_id,
    regexp_replace(lower(trim(orders.customer_email)), '\s+', ' ', 'g') as customer_email,
    (orders.amount)::numeric / nullif(orders.quantity, 0) as unit_price,
    calendar.calendar_date
from "weir_fixtures"."raw_app"."orders" as orders
inner join "weir_fixtures"."analytics_shared_utils"."utils_calendar" as calendar
    on orders.ordered_at::date = calendar.calendar_date