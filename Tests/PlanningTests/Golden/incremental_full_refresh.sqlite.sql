
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
begin immediate;
drop table if exists "analytics"."orders";
create table "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
