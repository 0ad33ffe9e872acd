{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}
select order_id, amount from {{ ref('raw_orders') }}
