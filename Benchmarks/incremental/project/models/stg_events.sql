{{ config(materialized='view', event_time='event_at') }}
select event_id, session_id, user_id, event_at, amount
from {{ source('raw', 'events') }}
