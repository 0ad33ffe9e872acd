
-- ============================================================================
-- model.shop.orders
-- sql incremental model analytics.orders
-- ============================================================================
drop table if exists "orders__weir_tmp";
create temp table "orders__weir_tmp"
as
select id, amount from "warehouse"."analytics"."stg_orders";
begin immediate;
update "analytics"."orders" as DBT_INTERNAL_DEST set
    "amount" = DBT_INTERNAL_SOURCE."amount"
from "orders__weir_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE."id" = DBT_INTERNAL_DEST."id";
insert into "analytics"."orders" ("id", "amount")
select DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."amount"
from "orders__weir_tmp" as DBT_INTERNAL_SOURCE
where not exists (
    select 1 from "analytics"."orders" as DBT_INTERNAL_DEST
    where DBT_INTERNAL_SOURCE."id" = DBT_INTERNAL_DEST."id"
);
commit;
drop table if exists "orders__weir_tmp";
