-- A year of web events (2025), generated deterministically, and the day after it (2026-01-01)
-- kept back as the next day's load. No random(): every value comes from hashint8 of the
-- session or event id, so the data does not depend on the plan, on parallel workers or on
-- the server (a random() seed does not reach parallel workers).
--
-- 5,000 sessions start each day, each 1-11 events about four minutes apart, an eighth of them
-- with a 40-90 minute pause in the middle; 15% start after 22:00, so many run past midnight.
-- 3% of the events after 04:00 arrive with the next day's load (late arrivals). Amounts are
-- numeric, so sums do not depend on the order rows are added in.
--
-- raw.events gets every event that arrives by 2025-12-31 (about 10.95 million rows), in
-- arrival order as a loader appends them, with the indexes a warehouse keeps on such a table.
-- append_day.sql appends the 2026-01-01 load.
\set ON_ERROR_STOP on
set work_mem = '256MB';
set maintenance_work_mem = '512MB';

drop schema if exists raw cascade;
create schema raw;

-- A uniform number in [0, 1) from a key and a salt.
create function raw.u(k bigint, salt integer) returns double precision
language sql immutable parallel safe
as $$ select (hashint8(k * 1000003 + salt) & 2147483647)::double precision / 2147483648 $$;

create function raw.generated_events(first_session bigint, last_session bigint)
returns table (event_id bigint, session_id bigint, user_id integer, event_at timestamp, amount numeric(10, 2), arrival_day date)
language sql stable parallel safe
as $$
    with sessions as (
        select
            sid,
            timestamp '2025-01-01' + ((sid - 1) / 5000) * interval '1 day'
                + case when raw.u(sid, 1) < 0.15 then 79200 + floor(raw.u(sid, 2) * 7200)
                       else floor(raw.u(sid, 2) * 79200) end * interval '1 second' as started_at,
            1 + floor(raw.u(sid, 3) * 11)::integer as n,
            case when raw.u(sid, 4) < 0.125 then 2400 + floor(raw.u(sid, 5) * 3000) else 0 end as pause,
            1 + floor(raw.u(sid, 6) * 200000)::integer as user_id
        from generate_series(first_session, last_session) as sid
    ),
    events as (
        select
            s.sid * 16 + k as event_id,
            s.sid as session_id,
            s.user_id,
            s.started_at + (k * 240 + floor(raw.u(s.sid * 16 + k, 7) * 200)
                + case when k > 0 and k >= s.n / 2 then s.pause else 0 end) * interval '1 second' as event_at
        from sessions as s, generate_series(0, s.n - 1) as k
    )
    select
        event_id, session_id, user_id, event_at,
        (floor(raw.u(event_id, 8) * 10000) / 100)::numeric(10, 2),
        case when extract(hour from event_at) >= 4 and raw.u(event_id, 9) < 0.03
             then event_at::date + 1 else event_at::date end
    from events
$$;

create table raw.events (
    event_id bigint not null,
    session_id bigint not null,
    user_id integer not null,
    event_at timestamp not null,
    amount numeric(10, 2) not null
);

-- Sessions of 2025 and of 2026-01-01: the latter's first events are late-evening 2025 ones.
insert into raw.events
select event_id, session_id, user_id, event_at, amount
from raw.generated_events(1, 366 * 5000)
where arrival_day <= date '2025-12-31'
order by arrival_day, event_at;

create index events_event_at on raw.events (event_at);
create index events_session_id on raw.events (session_id);
vacuum analyze raw.events;
