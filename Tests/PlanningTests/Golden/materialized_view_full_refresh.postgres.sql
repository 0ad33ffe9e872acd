
-- ============================================================================
-- model.shop.orders
-- sql materialized_view model analytics.orders
-- ============================================================================
begin;
drop materialized view if exists "warehouse"."analytics"."orders" cascade;
create materialized view if not exists "warehouse"."analytics"."orders" as select id, amount from "warehouse"."analytics"."stg_orders";
create unique index if not exists "aa98b0da3072a7b8554e2d34f9e2e868" on "warehouse"."analytics"."orders" (id);
commit;
analyze orders;
