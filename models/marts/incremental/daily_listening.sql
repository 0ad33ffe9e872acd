{{ config(
    materialized='incremental',
    incremental_strategy='microbatch',
    event_time='date_day',
    batch_size='month',
    begin='2024-03-01',
    lookback=1
) }}
-- One row per day, built a month per batch: inside a batch, ref('stg_events') reads only that
-- month's events, because stg_events declares event_time.
select
    {{ to_date('ts') }} as date_day,
    count(*) as event_count,
    sum(is_song_event) as song_event_count,
    count(distinct user_id) as active_users,
    count(distinct session_id) as session_count
from {{ ref('stg_events') }}
group by {{ to_date('ts') }}
