{{ config(materialized='no_main') }}
select 1 as id
