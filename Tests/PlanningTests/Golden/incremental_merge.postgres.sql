
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
merge into "warehouse"."analytics"."orders" as DBT_INTERNAL_DEST
using "orders__weir_tmp" as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE."id" = DBT_INTERNAL_DEST."id")
when matched then update set
    "amount" = DBT_INTERNAL_SOURCE."amount"
when not matched then insert ("id", "amount")
values (DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."amount");
commit;
drop table if exists "orders__weir_tmp";
