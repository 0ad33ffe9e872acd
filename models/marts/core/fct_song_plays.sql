{{
    config(
        materialized='incremental',
        unique_key='play_id',
        tags=['incremental']
    )
}}

select
    play_id,
    session_id,
    user_id,
    song_id,
    artist_id,
    ts,
    hour_ts,
    date_day,
    level,
    is_paid,
    duration_ms,
    location,
    user_agent
from {{ ref('int_song_plays') }}
{% if is_incremental() %}
where ts > (select max(ts) from {{ this }})
{% endif %}
