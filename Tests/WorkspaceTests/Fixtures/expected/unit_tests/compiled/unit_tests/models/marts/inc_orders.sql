
select id, amount from "weir_fixtures"."analytics"."stg_orders"
