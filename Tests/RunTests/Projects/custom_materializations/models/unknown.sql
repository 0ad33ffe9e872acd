{{ config(materialized='nowhere') }}
select 1 as id
