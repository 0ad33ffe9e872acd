-- One row per client session.
{%- set min_plays = var('engaged_session_min_plays') %}

with events as (

    select * from {{ ref('stg_events') }}

),

plays as (

    select
        session_id,
        count(*) as play_count,
        count(distinct song_id) as distinct_song_count,
        sum(duration_ms) as listened_ms
    from {{ ref('fct_song_plays') }}
    group by session_id

),

bounds as (

    select
        session_id,
        min(user_id) as user_id,
        min(ts) as started_at,
        max(ts) as ended_at,
        count(*) as event_count,
        count(distinct page) as page_count,
        max(case when event_type = 'Logout' then 1 else 0 end) as has_logout,
        max(case when event_type = 'Upgrade' then 1 else 0 end) as has_upgrade
    from events
    group by session_id

),

first_events as (

    select session_id, level as level_at_start
    from (
        select
            session_id,
            level,
            row_number() over (partition by session_id order by ts, event_id) as event_rank
        from events
    ) as ranked
    where event_rank = 1

)

select
    bounds.session_id,
    bounds.user_id,
    row_number() over (partition by bounds.user_id order by bounds.started_at) as user_session_number,
    bounds.started_at,
    bounds.ended_at,
    {{ minutes_between('bounds.started_at', 'bounds.ended_at') }} as duration_minutes,
    bounds.event_count,
    bounds.page_count,
    coalesce(plays.play_count, 0) as play_count,
    coalesce(plays.distinct_song_count, 0) as distinct_song_count,
    {{ ms_to_minutes('coalesce(plays.listened_ms, 0)') }} as listened_minutes,
    first_events.level_at_start,
    bounds.has_logout,
    bounds.has_upgrade,
    case when coalesce(plays.play_count, 0) >= {{ min_plays }} then 1 else 0 end as is_engaged
from bounds
inner join first_events
    on bounds.session_id = first_events.session_id
left join plays
    on bounds.session_id = plays.session_id
