{{ config(
    materialized='incremental', incremental_strategy='open_sessions',
    unique_key='session_id', event_time='last_event_at', lookback='1 day',
    open_if=var('open_if', 'is_open = 1'), horizon=var('horizon', '180 days')) }}
-- `sessions` with its keys from weir.keys_to_rebuild(): the window's sessions and the open
-- ones, gathered into a temporary table (and analyzed) before this query runs.
with latest as (
    select max(event_at) as at from {{ ref('stg_events') }}
)
select
    e.session_id,
    min(e.user_id) as user_id,
    min(e.event_at) as started_at,
    max(e.event_at) as last_event_at,
    count(*) as n_events,
    sum(e.amount) as amt,
    case when max(e.event_at) >= {{ dbt.dateadd('minute', -30, '(select at from latest)') }} then 1 else 0 end as is_open
from {{ ref('stg_events') }} as e
{% if is_incremental() %}
where e.session_id in ({{ weir.keys_to_rebuild(ref('stg_events'), 'event_at') }})
{% endif %}
group by e.session_id
