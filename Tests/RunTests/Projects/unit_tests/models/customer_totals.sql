select customer_id, count(*) as order_count, sum(amount) as total
from {{ ref('stg_orders') }}
where not is_returned
group by customer_id
