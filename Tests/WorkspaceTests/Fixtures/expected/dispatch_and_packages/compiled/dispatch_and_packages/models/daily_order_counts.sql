

select
    calendar.calendar_date,
    count(orders.order_id) as order_count
from "weir_fixtures"."analytics_shared_utils"."utils_calendar" as calendar
left join "weir_fixtures"."analytics"."orders_enriched" as orders
    on calendar.calendar_date = orders.calendar_date
group by calendar.calendar_date