select
    events.event_id,
    events.session_id,
    events.event_type,
    event_types.category,
    events.occurred_at
from "raw_events_db"."tracking"."events" as events
left join "weir_fixtures"."seed_data"."event_types" as event_types
    on events.event_type = event_types.event_type