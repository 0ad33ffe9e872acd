

select
    session_id,
    user_id,
    started_at,
    ended_at
from "raw_events_db"."tracking"."sessions"