select *
from raw.orders
where ordered_at >= '{{ var("start_date") }}'
