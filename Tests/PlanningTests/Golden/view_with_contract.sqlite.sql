
-- ============================================================================
-- model.shop.customers
-- sql view model analytics.customers
-- ============================================================================
begin immediate;
create view "analytics"."customers"
as
select id, "Name", region_id from "warehouse"."analytics"."stg_customers";
commit;
