{{ config(materialized='view') }}
select id from {{ ref('events') }}
