-- A ref to a model without an event_time: every row of it.
select * from {{ ref('recent_events') }}
