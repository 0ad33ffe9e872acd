{{ config(materialized='table') }}
select 1 as product_id, 'pen' as label
