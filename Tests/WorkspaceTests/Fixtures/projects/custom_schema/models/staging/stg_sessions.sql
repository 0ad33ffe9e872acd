{{ config(schema='clickstream', alias='sessions') }}

select
    session_id,
    user_id,
    started_at,
    ended_at
from {{ source('clickstream', 'sessions') }}
