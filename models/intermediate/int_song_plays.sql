{{ config(materialized='ephemeral') }}

-- One row per song play (a NextSong event), with the song's artist and length attached.
select
    events.event_id as play_id,
    events.session_id,
    events.user_id,
    events.song_id,
    songs.artist_id,
    events.ts,
    {{ timestamp_trunc('hour', 'events.ts') }} as hour_ts,
    {{ to_date('events.ts') }} as date_day,
    events.level,
    case when events.level = 'paid' then 1 else 0 end as is_paid,
    songs.duration_ms,
    events.location,
    events.user_agent
from {{ ref('stg_events') }} as events
inner join {{ ref('stg_songs') }} as songs
    on events.song_id = songs.song_id
where events.event_type = 'NextSong'
