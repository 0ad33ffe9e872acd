
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
begin immediate;
create table "analytics"."countries" (
    "code" text,
    "Population" integer
);
insert into "analytics"."countries" ("code", "Population") values
('FR', 68000000),
('It''s "quoted", with a comma', NULL);
commit;
