
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
begin immediate;
create table "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
