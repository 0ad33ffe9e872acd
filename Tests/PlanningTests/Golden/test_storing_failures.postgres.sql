
-- ============================================================================
-- test.shop.not_null_orders_id
-- test analytics.not_null_orders_id
-- ============================================================================
drop table if exists "warehouse"."analytics"."not_null_orders_id" cascade;
create table "warehouse"."analytics"."not_null_orders_id"
as (
select id from orders where id is null
);
-- the test's result: failures, should_warn, should_error
select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      select * from "warehouse"."analytics"."not_null_orders_id"
    ) dbt_internal_test;
