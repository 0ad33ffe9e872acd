
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
alter table "warehouse"."analytics"."orders" drop column "amount";
alter table "warehouse"."analytics"."orders" alter column "id" type bigint;
begin;
insert into "warehouse"."analytics"."orders" ("id", "status")
(
    select "id", "status"
    from "orders__weir_tmp"
);
commit;
drop table if exists "orders__weir_tmp";
