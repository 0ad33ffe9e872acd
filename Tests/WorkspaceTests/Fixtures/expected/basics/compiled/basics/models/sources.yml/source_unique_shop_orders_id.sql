
    
    

select
    id as unique_field,
    count(*) as n_records

from weir_fixtures.raw_shop.shop_orders_v2
where id is not null
group by id
having count(*) > 1


