{# The open_sessions model as the README writes it: its keys from weir.keys_to_rebuild(), which
   gathers the window's sessions and the open ones into a temporary table and analyzes it before
   this query runs (PostgreSQL cannot estimate how few sessions a window's events belong to), and
   a partial index of the open sessions only (the rows `open_if` reads; index upkeep of the day's
   closed sessions saved). A full refresh aggregates every event without looking keys up. #}
{{ config(
    materialized='incremental', incremental_strategy='open_sessions',
    unique_key='session_id', event_time='last_event_at', lookback='1 day',
    open_if='is_open = 1', horizon='180 days',
    indexes=[{'columns': ['session_id'], 'unique': true}, {'columns': ['last_event_at']},
             {'columns': ['last_event_at'], 'where': 'is_open = 1'}]) }}
with latest as (
    select max(event_at) as at from {{ ref('stg_events') }}
)
select
    e.session_id,
    min(e.user_id) as user_id,
    min(e.event_at) as started_at,
    max(e.event_at) as last_event_at,
    count(*) as n_events,
    sum(e.amount) as amount,
    -- open while the session's last event is within 30 minutes of the latest event seen
    case when max(e.event_at) >= (select at from latest) - interval '30 minutes' then 1 else 0 end as is_open
from {{ ref('stg_events') }} as e
{% if is_incremental() %}
where e.session_id in ({{ weir.keys_to_rebuild(ref('stg_events'), 'event_at') }})
{% endif %}
group by e.session_id
