-- A model at the top of models/: no folder, so the default schema and name.
select count(*) as session_count
from {{ ref('fct_sessions') }}
