
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
begin;
delete from "warehouse"."analytics"."countries";
copy "warehouse"."analytics"."countries" ("code") from stdin with (format csv);
"FR"
""
\.
commit;
