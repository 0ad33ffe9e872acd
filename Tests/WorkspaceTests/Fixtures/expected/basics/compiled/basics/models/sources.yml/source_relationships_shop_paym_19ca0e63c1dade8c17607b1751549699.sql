
    
    

with child as (
    select order_id as from_field
    from weir_fixtures.raw_shop."Payments"
    where order_id is not null
),

parent as (
    select id as to_field
    from weir_fixtures.raw_shop.shop_orders_v2
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


