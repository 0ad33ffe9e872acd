

select
    sessions.session_id,
    sessions.user_id,
    count(events.event_id) as event_count,
    sum(case when events.category = 'conversion' then 1 else 0 end) as conversions
from "weir_fixtures"."analytics_clickstream"."sessions" as sessions
left join "weir_fixtures"."analytics_staging"."staging__stg_events" as events
    on sessions.session_id = events.session_id
group by 1, 2