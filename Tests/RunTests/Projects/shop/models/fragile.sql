{{ config(materialized='table') }}
{% if var('break', false) %}
select order_id from no_such_table_anywhere
{% else %}
select order_id, amount * 2 as doubled from {{ ref('stg_orders') }}
{% endif %}
