
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
drop table if exists "orders__weir_tmp";
create temporary table "orders__weir_tmp"
as (
select id, amount from "warehouse"."analytics"."stg_orders"
);
alter table "warehouse"."analytics"."orders" add column "status" text;
begin;
insert into "warehouse"."analytics"."orders" ("id", "amount", "status")
(
    select "id", "amount", "status"
    from "orders__weir_tmp"
);
commit;
drop table if exists "orders__weir_tmp";
