

select unit_price
from "weir_fixtures"."analytics"."orders_enriched"
where unit_price < 0
   or unit_price > 10000

