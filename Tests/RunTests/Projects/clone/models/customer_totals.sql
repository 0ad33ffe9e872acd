{{ config(materialized='incremental', unique_key='customer_id') }}
select c.id as customer_id, c.name, sum(o.amount) as total
from {{ ref('customers') }} c join {{ ref('orders') }} o on o.customer_id = c.id
group by 1, 2
