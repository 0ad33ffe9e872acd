-- The 2026-01-01 load: that day's events (less those of sessions running past its midnight,
-- which belong to the next load) and the late arrivals of 2025-12-31. Only sessions started
-- from 2025-12-30 on can have such events.
\set ON_ERROR_STOP on
insert into raw.events
select event_id, session_id, user_id, event_at, amount
from raw.generated_events(363 * 5000 + 1, 366 * 5000)
where arrival_day = date '2026-01-01'
order by event_at;
