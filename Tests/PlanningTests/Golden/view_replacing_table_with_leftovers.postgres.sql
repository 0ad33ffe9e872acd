
-- ============================================================================
-- model.shop.orders
-- sql view model analytics.orders
-- ============================================================================
drop view if exists "warehouse"."analytics"."orders__weir_tmp" cascade;
drop table if exists "warehouse"."analytics"."orders__weir_backup" cascade;
create view "warehouse"."analytics"."orders__weir_tmp"
as (
select id, amount from "warehouse"."analytics"."stg_orders"
);
begin;
alter table "warehouse"."analytics"."orders" rename to "orders__weir_backup";
alter view "warehouse"."analytics"."orders__weir_tmp" rename to "orders";
commit;
drop table if exists "warehouse"."analytics"."orders__weir_backup" cascade;
