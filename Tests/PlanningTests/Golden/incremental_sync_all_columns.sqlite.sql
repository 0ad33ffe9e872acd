
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
drop table if exists "orders__weir_tmp";
create temp table "orders__weir_tmp"
as
select id, amount from "warehouse"."analytics"."stg_orders";
alter table "analytics"."orders" add column "status" text;
alter table "analytics"."orders" drop column "amount";
alter table "analytics"."orders" alter column "id" type bigint;
begin immediate;
insert into "analytics"."orders" ("id", "status")
select "id", "status"
from "orders__weir_tmp";
commit;
drop table if exists "orders__weir_tmp";
