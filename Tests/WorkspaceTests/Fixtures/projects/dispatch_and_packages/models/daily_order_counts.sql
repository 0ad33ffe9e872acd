{{ config(materialized='table') }}

select
    calendar.calendar_date,
    count(orders.order_id) as order_count
from {{ ref('utils_calendar') }} as calendar
left join {{ ref('orders_enriched') }} as orders
    on calendar.calendar_date = orders.calendar_date
group by calendar.calendar_date
