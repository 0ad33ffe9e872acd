select session_id
from {{ ref('fct_sessions') }}
where user_id is null
