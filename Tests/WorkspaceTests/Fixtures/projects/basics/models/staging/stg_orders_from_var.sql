select id, status from {{ var('shop_orders_relation') }}
