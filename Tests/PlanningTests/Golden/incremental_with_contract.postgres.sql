
-- ============================================================================
-- model.shop.customers
-- sql incremental model analytics.customers
-- ============================================================================
drop table if exists "customers__weir_tmp";
create temporary table "customers__weir_tmp"
as (
select id, "Name", region_id from "warehouse"."analytics"."stg_customers"
);
begin;
insert into "warehouse"."analytics"."customers" ("id", "Name", "region_id")
(
    select "id", "Name", "region_id"
    from "customers__weir_tmp"
);
commit;
drop table if exists "customers__weir_tmp";
