{{ config(materialized='ephemeral') }}
select customer_id, coalesce(name, 'unknown') as name from {{ ref('raw_customers') }}
