
-- ============================================================================
-- model.shop.orders
-- sql microbatch model analytics.orders
-- ============================================================================
-- batch 2024-03-01 00:00:00+00:00 to 2024-03-02 00:00:00+00:00
drop table if exists "orders__weir_tmp";
create temp table "orders__weir_tmp"
as
select id, amount from stg_orders where ordered_at >= '2024-03-01';
begin immediate;
delete from "analytics"."orders"
where ordered_at >= '2024-03-01' and ordered_at < '2024-03-02';
insert into "analytics"."orders" ("id", "amount")
select "id", "amount"
from "orders__weir_tmp";
commit;
drop table if exists "orders__weir_tmp";
-- batch 2024-03-02 00:00:00+00:00 to 2024-03-03 00:00:00+00:00
drop table if exists "orders__weir_tmp";
create temp table "orders__weir_tmp"
as
select id, amount from stg_orders where ordered_at >= '2024-03-02';
begin immediate;
delete from "analytics"."orders"
where ordered_at >= '2024-03-02' and ordered_at < '2024-03-03';
insert into "analytics"."orders" ("id", "amount")
select "id", "amount"
from "orders__weir_tmp";
commit;
drop table if exists "orders__weir_tmp";
analyze orders;
