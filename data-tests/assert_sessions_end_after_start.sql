-- A session never ends before it starts, and its duration is never negative.
select
    session_id,
    started_at,
    ended_at,
    duration_minutes
from {{ ref('sessions') }}
where ended_at < started_at
   or duration_minutes < 0
