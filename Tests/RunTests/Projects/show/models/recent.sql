{{ config(materialized='ephemeral') }}
select id, name, joined_on from {{ ref('players') }} where joined_on >= cast('2024-01-01' as date)
