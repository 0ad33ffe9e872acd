select totals.*, latest.last_seen_at
from {{ ref('user_totals') }} as totals
join (select user_id, max(happened_at) as last_seen_at from {{ ref('stg_events') }} group by 1) as latest
    using (user_id)
