select id as event_id, user_id, amount, happened_at from {{ ref('events') }}
