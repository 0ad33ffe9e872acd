
select * from (select * from "weir_fixtures"."analytics"."stg_orders" where false limit 0) _dbt_limit_subq_stg_orders where amount > 100