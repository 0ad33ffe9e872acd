
-- ============================================================================
-- model.shop.orders
-- sql view model analytics.orders
-- ============================================================================
begin immediate;
create view "analytics"."orders"
as
select id, amount from "warehouse"."analytics"."stg_orders";
commit;
