{{ config(materialized='table') }}
-- this: {{ this }} ({{ this.identifier }}), quoted explicitly: {{ this.quote(identifier=true) }}
select a.artist_id, count(*) as plays
from {{ ref('stg_listens') }} as l
join {{ source('raw', 'artists') }} as a using (artist_id)
union all
select artist_id, 0 from {{ source('legacy', 'plays') }}
group by 1
