{{ config(
    materialized='incremental', incremental_strategy='microbatch', event_time='event_day',
    batch_size='day', begin='2024-03-01', lookback=1, concurrent_batches=var('concurrent', false)) }}
-- stg_events is filtered to each batch's day because it declares event_time.
select
    {{ dbt.date_trunc('day', 'event_at') }} as event_day,
    count(*) as n_events,
    count(distinct session_id) as n_sessions,
    sum(amount) as amt
from {{ ref('stg_events') }}
{% if var('fail_batch', '') and model.batch and model.batch.id == var('fail_batch') %}
where no_such_column = 1
{% endif %}
group by 1
