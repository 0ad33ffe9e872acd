select
    id,
    {{ dbt.dateadd('day', 7, 'ordered_at') }} as due_at,
    {{ dbt.dateadd(datepart='month', interval=-1, from_date_or_timestamp="'2024-03-31'::date") }} as one_month_earlier,
    {{ dbt.datediff('ordered_at', 'shipped_at', 'day') }} as days_to_ship,
    {{ dbt.datediff('ordered_at', 'shipped_at', 'hour') }} as hours_to_ship,
    {{ dbt.datediff("'2024-01-01'::date", "'2024-12-31'::date", 'week') }} as weeks_in_2024,
    {{ dbt.date_trunc('month', 'ordered_at') }} as order_month,
    {{ dbt.last_day('ordered_at', 'month') }} as month_end,
    {{ dbt.last_day('ordered_at', 'quarter') }} as quarter_end,
    {{ dbt.current_timestamp() }} as loaded_at,
    {{ dbt.date(2024, 2, 29) }} as leap_day
from {{ source('app', 'orders') }}
