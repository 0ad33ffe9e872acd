{{ config(materialized='from_package') }}
select id from {{ ref('events') }} where kind = 'a'
