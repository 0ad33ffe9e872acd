select c.customer_id, c.name, count(o.order_id) as orders
from {{ ref('customers') }} c
left join {{ ref('orders') }} o on o.customer_id = c.customer_id
group by 1, 2
