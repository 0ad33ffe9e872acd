
    
    



select id
from weir_fixtures.raw_shop.shop_orders_v2
where id is null


