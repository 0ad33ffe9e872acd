select
    customers.customer_id,
    count(*) as order_count
from {{ ref('stg_customer') }} as customers
group by 1
