select date(happened_at) as day, count(*) as events, sum(doubled) as doubled
from {{ ref('events_incremental') }}
group by 1
