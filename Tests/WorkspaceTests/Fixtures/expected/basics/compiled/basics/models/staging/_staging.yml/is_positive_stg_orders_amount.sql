

select *
from "weir_fixtures"."analytics_staging"."orders"
where amount <= 0

