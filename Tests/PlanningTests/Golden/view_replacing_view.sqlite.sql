
-- ============================================================================
-- model.shop.orders
-- sql view model analytics.orders
-- ============================================================================
select 1;
begin immediate;
drop view if exists "analytics"."orders";
create view "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
select 2;
