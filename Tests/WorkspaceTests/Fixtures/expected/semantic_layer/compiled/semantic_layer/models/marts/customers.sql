
select * from "weir_fixtures"."analytics"."stg_customers"