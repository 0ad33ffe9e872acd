select user_id, count(*) as session_count
from "weir_fixtures"."analytics_clickstream"."sessions"
group by user_id