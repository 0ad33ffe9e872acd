select
    user_id,
    count(*) as session_count,
    max(ended_at) as last_active_at
from "weir_fixtures"."analytics_clickstream"."sessions"
group by user_id