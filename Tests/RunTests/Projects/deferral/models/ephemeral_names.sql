{{ config(materialized='ephemeral') }}
select name from {{ ref('customers') }}
