{{ config(database='analytics_archive') }}

select
    sessions.session_id,
    sessions.user_id,
    count(events.event_id) as event_count,
    sum(case when events.category = 'conversion' then 1 else 0 end) as conversions
from {{ ref('stg_sessions') }} as sessions
left join {{ ref('stg_events') }} as events
    on sessions.session_id = events.session_id
group by 1, 2
