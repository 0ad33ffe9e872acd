select
    status,
    count(*) as order_count
from {{ ref('fct_orders') }}
group by status
order by order_count desc
