
    
    



select session_id
from "analytics_archive"."analytics_reporting"."marts__fct_sessions"
where session_id is null


