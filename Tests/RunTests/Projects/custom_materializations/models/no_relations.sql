{{ config(materialized='no_relations') }}
select 1 as id
