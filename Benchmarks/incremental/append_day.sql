-- The load of day :day after the year (1 = 2026-01-01): that day's events (less those of
-- sessions running past its midnight, which come with the next load) and the late arrivals of
-- the day before. Only sessions started from two days earlier on can have such events.
--   psql -v day=1 -f append_day.sql
\set ON_ERROR_STOP on
\set first_session '(363 + :day - 1) * 5000 + 1'
\set last_session '(366 + :day - 1) * 5000'
insert into raw.events
select event_id, session_id, user_id, event_at, amount
from raw.generated_events(:first_session, :last_session)
where arrival_day = date '2025-12-31' + :day
order by event_at;
