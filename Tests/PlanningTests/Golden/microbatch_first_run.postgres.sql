
-- ============================================================================
-- model.shop.orders
-- sql microbatch model analytics.orders
-- ============================================================================
-- batch 2024-03-01 00:00:00+00:00 to 2024-03-02 00:00:00+00:00
create table "warehouse"."analytics"."orders__weir_tmp"
as (
select id, amount from stg_orders where ordered_at >= '2024-03-01'
);
begin;
alter table "warehouse"."analytics"."orders__weir_tmp" rename to "orders";
commit;
-- batch 2024-03-02 00:00:00+00:00 to 2024-03-03 00:00:00+00:00
drop table if exists "orders__weir_tmp";
create temporary table "orders__weir_tmp"
as (
select id, amount from stg_orders where ordered_at >= '2024-03-02'
);
begin;
delete from "warehouse"."analytics"."orders"
where ordered_at >= '2024-03-02 00:00:00+00:00' and ordered_at < '2024-03-03 00:00:00+00:00';
insert into "warehouse"."analytics"."orders" ("id", "amount")
(
    select "id", "amount"
    from "orders__weir_tmp"
);
commit;
drop table if exists "orders__weir_tmp";
analyze orders;
