{# Per-user totals; incrementally, only the users with events loaded since the last run. #}
{% macro user_totals() %}
select
    user_id,
    count(*) as n_events,
    sum(amount) as amt,
    max(event_at) as last_event_at,
    max(loaded_day) as last_loaded_day
from {{ ref('stg_events') }}
{% if is_incremental() %}
where user_id in (
    select user_id from {{ ref('stg_events') }}
    where loaded_day >= (select max(last_loaded_day) from {{ this }})
)
{% endif %}
group by user_id
{% endmacro %}
