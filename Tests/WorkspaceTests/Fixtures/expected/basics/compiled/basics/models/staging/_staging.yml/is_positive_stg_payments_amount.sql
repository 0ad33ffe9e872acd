

select *
from "weir_fixtures"."analytics_staging"."stg_payments"
where amount <= 0

