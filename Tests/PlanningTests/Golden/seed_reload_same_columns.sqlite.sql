
-- ============================================================================
-- seed.shop.countries
-- seed file analytics.countries
-- ============================================================================
begin immediate;
delete from "analytics"."countries";
insert into "analytics"."countries" ("code") values
('FR'),
('');
commit;
