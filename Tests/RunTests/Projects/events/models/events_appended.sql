{{ config(materialized='incremental', incremental_strategy='append') }}
select event_id, session_id, user_id, event_at, amount, loaded_day
from {{ ref('stg_events') }}
{% if is_incremental() %}
where loaded_day > (select max(loaded_day) from {{ this }})
{% endif %}
