select
    user_id,
    count(*) as session_count,
    max(ended_at) as last_active_at
from {{ ref('stg_sessions') }}
group by user_id
