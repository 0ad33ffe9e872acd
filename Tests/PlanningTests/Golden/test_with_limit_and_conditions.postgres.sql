
-- ============================================================================
-- test.shop.not_null_orders_id
-- test
-- ============================================================================
-- the test's result: failures, should_warn, should_error
select
      count(*) as failures,
      count(*) > 10 as should_warn,
      count(*) > 100 as should_error
    from (
      select id from orders where id is null
      limit 500
    ) dbt_internal_test;
