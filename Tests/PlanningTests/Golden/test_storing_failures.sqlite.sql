
-- ============================================================================
-- test.shop.not_null_orders_id
-- test analytics.not_null_orders_id
-- ============================================================================
drop table if exists "analytics"."not_null_orders_id";
create table "analytics"."not_null_orders_id"
as
select id from orders where id is null;
-- the test's result: failures, should_warn, should_error
select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      select * from "analytics"."not_null_orders_id"
    ) dbt_internal_test;
