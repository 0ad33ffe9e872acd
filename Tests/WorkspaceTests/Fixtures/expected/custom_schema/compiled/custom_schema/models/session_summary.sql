-- A model at the top of models/: no folder, so the default schema and name.
select count(*) as session_count
from "analytics_archive"."analytics_reporting"."marts__fct_sessions"