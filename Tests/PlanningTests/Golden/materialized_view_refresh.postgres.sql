
-- ============================================================================
-- model.shop.orders
-- sql materialized_view model analytics.orders
-- ============================================================================
begin;
refresh materialized view "warehouse"."analytics"."orders";
commit;
analyze orders;
