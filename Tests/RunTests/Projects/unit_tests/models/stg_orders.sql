select id, customer_id, amount, country, status = 'returned' as is_returned
from {{ source('shop', 'orders') }}
where amount >= {{ var('min_amount') }}
