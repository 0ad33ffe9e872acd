
-- ============================================================================
-- model.shop.orders
-- sql view model analytics.orders
-- ============================================================================
drop view if exists "analytics"."orders__weir_tmp";
drop table if exists "analytics"."orders__weir_backup";
begin immediate;
drop table if exists "analytics"."orders";
create view "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
