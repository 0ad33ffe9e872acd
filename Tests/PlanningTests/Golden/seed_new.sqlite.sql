
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
create table "analytics"."countries__weir_tmp" (
    "code" text,
    "Population" integer
);
insert into "analytics"."countries__weir_tmp" ("code", "Population") values
('FR', 68000000),
('It''s "quoted", with a comma', NULL);
begin immediate;
alter table "analytics"."countries__weir_tmp" rename to "countries";
commit;
