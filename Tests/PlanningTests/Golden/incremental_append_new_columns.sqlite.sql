
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
drop table if exists "orders__weir_tmp";
create temp table "orders__weir_tmp"
as
select id, amount from "warehouse"."analytics"."stg_orders";
alter table "analytics"."orders" add column "status" text;
begin immediate;
insert into "analytics"."orders" ("id", "amount", "status")
select "id", "amount", "status"
from "orders__weir_tmp";
commit;
drop table if exists "orders__weir_tmp";
