select user_id, count(*) as session_count
from {{ ref('stg_sessions') }}
group by user_id
