
-- ============================================================================
-- model.shop.orders
-- sql view model analytics.orders
-- ============================================================================
create view "warehouse"."analytics"."orders__weir_tmp"
as (
select id, amount from "warehouse"."analytics"."stg_orders"
);
begin;
alter view "warehouse"."analytics"."orders__weir_tmp" rename to "orders";
commit;
