{# Weir's open_sessions, written as the fixture project and the README write it: rebuild the
   sessions with events in the window (the target's latest last_event_at less a day, up to the
   run's end) and those still open. #}
{{ config(
    materialized='incremental', incremental_strategy='open_sessions',
    unique_key='session_id', event_time='last_event_at', lookback='1 day',
    open_if='is_open = 1', horizon='180 days',
    indexes=[{'columns': ['session_id'], 'unique': true}, {'columns': ['last_event_at']},
             {'columns': ['is_open', 'last_event_at']}]) }}
with touched as (
    select distinct session_id from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where {{ weir.window('event_at') }} or session_id in ({{ weir.open_keys() }})
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
    sum(e.amount) as amount,
    -- open while the session's last event is within 30 minutes of the latest event seen
    case when max(e.event_at) >= (select at from latest) - interval '30 minutes' then 1 else 0 end as is_open
from {{ ref('stg_events') }} as e
join touched as t on t.session_id = e.session_id
group by e.session_id
