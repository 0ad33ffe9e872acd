
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
begin;
truncate table "warehouse"."analytics"."countries";
copy "warehouse"."analytics"."countries" ("code") from stdin with (format csv);
"FR"
""
\.
commit;
