


select count(*) as row_count
from "weir_fixtures"."analytics_marketing"."customer_segments"
having count(*) < 1

