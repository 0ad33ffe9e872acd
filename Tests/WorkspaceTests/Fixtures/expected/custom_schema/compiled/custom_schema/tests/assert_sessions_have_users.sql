select session_id
from "analytics_archive"."analytics_reporting"."marts__fct_sessions"
where user_id is null