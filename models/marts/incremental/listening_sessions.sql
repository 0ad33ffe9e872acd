{{ config(
    materialized='incremental',
    incremental_strategy='open_sessions',
    unique_key='session_id',
    event_time='last_event_at',
    lookback='1 day',
    open_if='has_logout = 0',
    horizon='30 days'
) }}
-- One row per session, rebuilt incrementally: sessions with events since the watermark (less a
-- day, for late events) and sessions still open (no logout yet) are recomputed whole. Their keys
-- are gathered into a temporary table before this query runs (weir.keys_to_rebuild).
select
    events.session_id,
    min(events.user_id) as user_id,
    min(events.ts) as started_at,
    max(events.ts) as last_event_at,
    count(*) as event_count,
    sum(events.is_song_event) as song_event_count,
    max(case when events.event_type = 'Logout' then 1 else 0 end) as has_logout
from {{ ref('stg_events') }} as events
{% if is_incremental() %}
where events.session_id in ({{ weir.keys_to_rebuild(ref('stg_events'), 'ts') }})
{% endif %}
group by events.session_id
