select
    songs.id_song,
    songs.nm_song,
    songs.id_artist,
    count(listens.id_user) as n_user,
    max(listens.ts_event) as ts_event,
    cast(coalesce(sum(listens.n_event), 0) as numeric) / 60 as val_song,
    case when count(listens.id_user) > 0 then 1 else 0 end as ind_song
    {%- if var('bad', false) %},
    count(*) as num_plays,
    cast(max(listens.ts_event) as date) as ts_song,
    cast(max(songs.nm_song) as text) as n_artist,
    count(*) as n_user_song
    {%- endif %}
from {{ ref('stg_songs') }} as songs
left join {{ ref('stg_listens') }} as listens on listens.id_song = songs.id_song
group by 1, 2, 3
