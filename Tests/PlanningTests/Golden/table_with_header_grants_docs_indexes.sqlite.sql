
-- ============================================================================
-- model.shop.orders
-- sql table model analytics.orders
-- ============================================================================
begin immediate;
drop table if exists "analytics"."orders";
set local work_mem = '64MB';
create table "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
