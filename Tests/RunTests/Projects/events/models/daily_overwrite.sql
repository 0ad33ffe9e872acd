{{ config(materialized='incremental', incremental_strategy='insert_overwrite', partition_by='event_day') }}
select
    {{ dbt.date_trunc('day', 'event_at') }} as event_day,
    count(*) as n_events,
    sum(amount) as amt
from {{ ref('stg_events') }}
{% if is_incremental() %}
-- late events land at most a day late: rebuild the last day held and everything after
where {{ dbt.date_trunc('day', 'event_at') }} >= (select {{ dbt.dateadd('day', -1, 'max(event_day)') }} from {{ this }})
{% endif %}
group by 1
