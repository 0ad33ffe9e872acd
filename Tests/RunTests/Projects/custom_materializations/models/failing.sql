{{ config(materialized='failing') }}
select 1 as id
