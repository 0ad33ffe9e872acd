{{ config(materialized='incremental', unique_key='id') }}
select id, amount, '{{ env_var("ORDER_SOURCE", "shop") }}' as origin
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where id > (select max(id) from {{ this }})
{% endif %}
