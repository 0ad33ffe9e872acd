
-- ============================================================================
-- model.shop.orders
-- sql materialized_view model analytics.orders
-- ============================================================================
begin;
drop index if exists "analytics"."orders_customer_idx";
create unique index if not exists "aa98b0da3072a7b8554e2d34f9e2e868" on "warehouse"."analytics"."orders" (id);
commit;
analyze orders;
