select *
from {{ ref('fct_sessions') }}
where user_id in (select user_id from {{ ref('dim_users') }} where first_seen_at < '2024-01-01')
