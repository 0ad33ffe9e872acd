-- Hour grain: one row for every hour in which at least one event happened.
with hours as (

    select distinct {{ timestamp_trunc('hour', 'ts') }} as hour_ts
    from {{ ref('stg_events') }}

)

select
    hour_ts,
    {{ to_date('hour_ts') }} as date_day,
    {{ date_part_int('hour', 'hour_ts') }} as hour_of_day,
    {{ date_part_int('dow', 'hour_ts') }} as day_of_week,
    case when {{ date_part_int('dow', 'hour_ts') }} in (0, 6) then 1 else 0 end as is_weekend,
    case
        when {{ date_part_int('hour', 'hour_ts') }} < 6 then 'night'
        when {{ date_part_int('hour', 'hour_ts') }} < 12 then 'morning'
        when {{ date_part_int('hour', 'hour_ts') }} < 18 then 'afternoon'
        else 'evening'
    end as part_of_day
from hours
