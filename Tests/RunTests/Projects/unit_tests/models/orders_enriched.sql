select o.id, {{ doubled("o.amount") }} as double_amount, c.name as country_name
from {{ ref('stg_orders') }} o
left join {{ ref('countries') }} c on c.code = o.country
