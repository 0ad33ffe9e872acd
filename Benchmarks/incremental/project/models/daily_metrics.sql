{# dbt 1.9's microbatch: one batch per day; stg_events is filtered to each batch's day because
   it declares event_time; an incremental run rebuilds the current day and the one before.
   dbt-postgres 1.10+ merges each batch on a unique_key it requires; Weir replaces the batch's
   event-time range and does not need one. #}
{{ config(
    materialized='incremental', incremental_strategy='microbatch', event_time='event_day',
    batch_size='day', begin='2025-01-01', lookback=1, unique_key='event_day') }}
select
    date_trunc('day', event_at) as event_day,
    count(*) as n_events,
    count(distinct session_id) as n_sessions,
    count(distinct user_id) as n_users,
    sum(amount) as amount
from {{ ref('stg_events') }}
group by 1
