
    
    



select revenue_month
from "weir_fixtures"."analytics_finance"."monthly_revenue"
where revenue_month is null


