{{ config(materialized='flavored') }}
select 1 as unused
