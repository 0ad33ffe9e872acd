{{ config(
    materialized='incremental', incremental_strategy='open_sessions',
    unique_key='session_id', event_time='last_event_at', lookback='1 day',
    open_if=var('open_if', 'is_open = 1'), horizon=var('horizon', '180 days')) }}
-- The sessions to rebuild: those with events in the window, and those still open. A union
-- (not `or session_id in (...)`) lets the warehouse use its indexes on both halves.
with touched as (
    select distinct session_id from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where {{ weir.window('event_at') }}
    union
    {{ weir.open_keys() }}
    {% endif %}
),
latest as (
    select max(event_at) as at from {{ ref('stg_events') }}
)
select
    e.session_id,
    min(e.user_id) as user_id,
    min(e.event_at) as started_at,
    max(e.event_at) as last_event_at,
    count(*) as n_events,
    sum(e.amount) as amt,
    -- open while the session's last event is within 30 minutes of the latest event seen
    case when max(e.event_at) >= {{ dbt.dateadd('minute', -30, '(select at from latest)') }} then 1 else 0 end as is_open
from {{ ref('stg_events') }} as e
join touched as t on t.session_id = e.session_id
group by e.session_id
