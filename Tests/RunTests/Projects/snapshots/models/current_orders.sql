-- The orders as the source shows them on the chosen day.
select id, region, status, amount, updated_at
from {{ ref('order_versions') }}
where day = {{ var('day') }}
