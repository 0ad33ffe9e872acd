
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
create table "analytics"."orders__weir_tmp"
as
select id, amount from "warehouse"."analytics"."stg_orders";
begin immediate;
alter table "analytics"."orders" rename to "orders__weir_backup";
alter table "analytics"."orders__weir_tmp" rename to "orders";
commit;
drop table if exists "analytics"."orders__weir_backup";
