{{ config(alias='users', schema='  core  ') }}

select
    user_id,
    min(started_at) as first_seen_at,
    max(ended_at) as last_seen_at
from {{ ref('stg_sessions') }}
group by user_id
