{{ config(materialized='table') }}
select 1 as id, 'a' as kind
union all select 2 as id, 'b' as kind
union all select 3 as id, 'a' as kind
