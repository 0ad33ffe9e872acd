{% if execute %}{{ exceptions.warn("orders: the amounts are in cents") }}{% endif %}
select 1 as order_id, 250 as amount
union all
select 2 as order_id, 975 as amount
