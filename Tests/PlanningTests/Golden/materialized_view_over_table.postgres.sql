
-- ============================================================================
-- model.shop.orders
-- sql materialized_view model analytics.orders
-- ============================================================================
begin;
alter table "warehouse"."analytics"."orders" rename to "orders__weir_backup";
create materialized view if not exists "warehouse"."analytics"."orders" as select id, amount from "warehouse"."analytics"."stg_orders";
create unique index if not exists "aa98b0da3072a7b8554e2d34f9e2e868" on "warehouse"."analytics"."orders" (id);
drop table if exists "warehouse"."analytics"."orders__weir_backup" cascade;
commit;
analyze orders;
