{{ config(materialized='ephemeral') }}
-- inlined into users: its SQL names stg_events' shadow from inside a CTE
select user_id, count(*) as event_count, sum(amount) as total_amount
from {{ ref('stg_events') }}
group by 1
