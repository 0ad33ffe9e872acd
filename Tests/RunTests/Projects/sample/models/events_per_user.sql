-- users has none: every row; the events joined to them are sampled. (A sampled ref is a
-- subquery with an alias of its own on most warehouses: it takes no `as`.)
select users.id, count(event_id) as events
from {{ ref('users') }} as users
left join {{ ref('events') }} on user_id = users.id
group by users.id
