{# dbt 1.9's microbatch: one batch per day; stg_events is filtered to each batch's day because
   it declares event_time; an incremental run rebuilds the current day and the one before. #}
{{ config(
    materialized='incremental', incremental_strategy='microbatch', event_time='event_day',
    batch_size='day', begin='2025-01-01', lookback=1) }}
select
    date_trunc('day', event_at) as event_day,
    count(*) as n_events,
    count(distinct session_id) as n_sessions,
    count(distinct user_id) as n_users,
    sum(amount) as amount
from {{ ref('stg_events') }}
group by 1
