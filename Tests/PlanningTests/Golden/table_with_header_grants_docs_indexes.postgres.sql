
-- ============================================================================
-- model.shop.orders
-- sql table model analytics.orders
-- ============================================================================
set local work_mem = '64MB';
create table "warehouse"."analytics"."orders__weir_tmp"
as (
select id, amount from "warehouse"."analytics"."stg_orders"
);
begin;
alter table "warehouse"."analytics"."orders" rename to "orders__weir_backup";
alter table "warehouse"."analytics"."orders__weir_tmp" rename to "orders";
commit;
drop table if exists "warehouse"."analytics"."orders__weir_backup" cascade;
create unique index if not exists "aa98b0da3072a7b8554e2d34f9e2e868" on "warehouse"."analytics"."orders" (id);
create index if not exists "717c495bbdb4dbb1f404475d1cd0f01d" on "warehouse"."analytics"."orders" using hash (amount);
create index if not exists "b90e1ae9d587e9f24268d75d4d124ebe" on "warehouse"."analytics"."orders" (id) where amount > 0;
grant select on "warehouse"."analytics"."orders" to "reporter";
comment on table "warehouse"."analytics"."orders" is 'One row per order''s';
-- run for those of its columns the relation has
comment on column "warehouse"."analytics"."orders".id is 'The order';
