{# The same sessions the way dbt-postgres users build them: delete+insert on session_id,
   recomputing every session with an event in a fixed 180-day lookback from the latest
   session already built. #}
{{ config(
    materialized='incremental', incremental_strategy='delete+insert', unique_key='session_id',
    indexes=[{'columns': ['session_id'], 'unique': true}, {'columns': ['last_event_at']}]) }}
with touched as (
    select distinct session_id from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where event_at >= (select max(last_event_at) from {{ this }}) - interval '180 days'
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
    case when max(e.event_at) >= (select at from latest) - interval '30 minutes' then 1 else 0 end as is_open
from {{ ref('stg_events') }} as e
join touched as t on t.session_id = e.session_id
group by e.session_id
