
-- ============================================================================
-- model.shop.customers
-- sql view model analytics.customers
-- ============================================================================
create view "warehouse"."analytics"."customers__weir_tmp"
as (
select id, "Name", region_id from "warehouse"."analytics"."stg_customers"
);
begin;
alter view "warehouse"."analytics"."customers__weir_tmp" rename to "customers";
commit;
