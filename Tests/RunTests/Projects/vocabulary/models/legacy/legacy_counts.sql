select id_song, count(*) as play_count
from {{ ref('stg_listens') }}
group by 1
