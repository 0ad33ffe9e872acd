select *
from "analytics_archive"."analytics_reporting"."marts__fct_sessions"
where user_id in (select user_id from "weir_fixtures"."analytics_core"."users" where first_seen_at < '2024-01-01')