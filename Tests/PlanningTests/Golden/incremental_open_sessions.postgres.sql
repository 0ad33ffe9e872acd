
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
drop table if exists "orders__weir_tmp";
create temporary table "orders__weir_tmp"
as (
select id, amount from "warehouse"."analytics"."stg_orders"
);
begin;
delete from "warehouse"."analytics"."orders" as DBT_INTERNAL_DEST
where exists (
    select 1 from "orders__weir_tmp" as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE."id" = DBT_INTERNAL_DEST."id"
);
insert into "warehouse"."analytics"."orders" ("id", "amount")
(
    select "id", "amount"
    from "orders__weir_tmp"
);
commit;
drop table if exists "orders__weir_tmp";
