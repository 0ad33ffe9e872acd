-- Per-user activity summary over the whole event log.
with events as (

    select * from {{ ref('stg_events') }}

),

plays as (

    select user_id, count(*) as play_count, sum(duration_ms) as listened_ms
    from {{ ref('int_song_plays') }}
    group by user_id

),

activity as (

    select
        user_id,
        min(ts) as first_event_at,
        max(ts) as last_event_at,
        count(distinct session_id) as session_count,
        count(*) as event_count,
        min(case when event_type = 'Upgrade' then ts end) as upgraded_at
    from events
    group by user_id

)

select
    activity.user_id,
    activity.first_event_at,
    activity.last_event_at,
    activity.session_count,
    activity.event_count,
    coalesce(plays.play_count, 0) as play_count,
    coalesce(plays.listened_ms, 0) as listened_ms,
    activity.upgraded_at
from activity
left join plays
    on activity.user_id = plays.user_id
