select
    events.event_id,
    events.session_id,
    events.event_type,
    event_types.category,
    events.occurred_at
from {{ source('clickstream', 'events') }} as events
left join {{ ref('event_types') }} as event_types
    on events.event_type = event_types.event_type
