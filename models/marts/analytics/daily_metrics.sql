-- One row per day with activity.
with events as (

    select
        {{ to_date('ts') }} as date_day,
        user_id,
        session_id,
        event_type
    from {{ ref('stg_events') }}

),

events_daily as (

    select
        date_day,
        count(distinct user_id) as daily_active_users,
        count(distinct session_id) as session_count,
        count(*) as event_count,
        sum(case when event_type = 'Upgrade' then 1 else 0 end) as upgrade_count
    from events
    group by date_day

),

plays_daily as (

    select
        date_day,
        count(*) as play_count,
        count(distinct song_id) as distinct_song_count,
        count(distinct user_id) as listener_count,
        sum(is_paid) as paid_play_count,
        sum(duration_ms) as listened_ms
    from {{ ref('fct_song_plays') }}
    group by date_day

)

select
    events_daily.date_day,
    events_daily.daily_active_users,
    events_daily.session_count,
    events_daily.event_count,
    coalesce(plays_daily.play_count, 0) as play_count,
    coalesce(plays_daily.distinct_song_count, 0) as distinct_song_count,
    coalesce(plays_daily.listener_count, 0) as listener_count,
    coalesce(plays_daily.paid_play_count, 0) as paid_play_count,
    {{ safe_ratio('plays_daily.paid_play_count', 'plays_daily.play_count') }} as paid_play_share,
    {{ ms_to_minutes('coalesce(plays_daily.listened_ms, 0)', 1) }} as listened_minutes,
    events_daily.upgrade_count,
    sum(coalesce(plays_daily.play_count, 0)) over (
        order by events_daily.date_day
        rows between unbounded preceding and current row
    ) as cumulative_play_count
from events_daily
left join plays_daily
    on events_daily.date_day = plays_daily.date_day
