{# The same open_sessions model with its keys as a union: the window's sessions and those still
   open. PostgreSQL cannot use an index for `window or session_id in (open keys)` (the subquery
   becomes a filter evaluated on every row), but each half of a union uses its own index. A full
   refresh aggregates every event without looking up keys. #}
{{ config(
    materialized='incremental', incremental_strategy='open_sessions',
    unique_key='session_id', event_time='last_event_at', lookback='1 day',
    open_if='is_open = 1', horizon='180 days',
    indexes=[{'columns': ['session_id'], 'unique': true}, {'columns': ['last_event_at']},
             {'columns': ['is_open', 'last_event_at']}]) }}
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
where e.session_id in (
    select session_id from {{ ref('stg_events') }} where {{ weir.window('event_at') }}
    union
    {{ weir.open_keys() }}
)
{% endif %}
group by e.session_id
