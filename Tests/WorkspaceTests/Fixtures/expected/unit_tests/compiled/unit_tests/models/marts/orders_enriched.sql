select o.id, o.amount * 2 as double_amount, c.name as country_name,
  o.email like '%@%' as valid_email
from "weir_fixtures"."analytics"."stg_orders" o
left join "weir_fixtures"."analytics"."countries" c on c.code = o.country