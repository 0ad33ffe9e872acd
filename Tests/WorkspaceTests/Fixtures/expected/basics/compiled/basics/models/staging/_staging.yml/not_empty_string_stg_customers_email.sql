

select email
from "weir_fixtures"."analytics_staging"."stg_customers"
where trim(email) = ''

