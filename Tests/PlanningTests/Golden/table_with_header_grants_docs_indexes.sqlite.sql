
-- ============================================================================
-- model.shop.orders
-- sql table model analytics.orders
-- ============================================================================
set local work_mem = '64MB';
create table "analytics"."orders__weir_tmp"
as
select id, amount from "warehouse"."analytics"."stg_orders";
begin immediate;
alter table "analytics"."orders" rename to "orders__weir_backup";
alter table "analytics"."orders__weir_tmp" rename to "orders";
commit;
drop table if exists "analytics"."orders__weir_backup";
