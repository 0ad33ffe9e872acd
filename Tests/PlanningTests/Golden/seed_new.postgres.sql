
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
create table "warehouse"."analytics"."countries__weir_tmp" (
    "code" text,
    "Population" integer
);
copy "warehouse"."analytics"."countries__weir_tmp" ("code", "Population") from stdin with (format csv);
"FR","68000000"
"It's ""quoted"", with a comma",
\.
begin;
alter table "warehouse"."analytics"."countries__weir_tmp" rename to "countries";
commit;
