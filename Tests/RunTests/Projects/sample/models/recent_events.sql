-- events has an event_time: sampled.
select event_id, user_id from {{ ref('events') }}
