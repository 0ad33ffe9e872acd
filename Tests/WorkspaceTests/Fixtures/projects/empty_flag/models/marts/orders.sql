-- `--empty` limits every ref and source to no rows; `this` and a relation's render() stay whole.
select
    o.order_id,
    c.name,
    o.amount,
    '{{ this }}' as built_as,
    '{{ ref("stg_orders").render() }}' as read_from
from {{ ref('stg_orders') }} as o
join {{ ref('stg_customers') }} as c on c.customer_id = o.customer_id
left join {{ ref('big_orders') }} as b on b.order_id = o.order_id
left join {{ ref('stg_customers').include(database=false) }} as c2 on c2.customer_id = o.customer_id
