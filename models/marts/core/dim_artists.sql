with songs as (

    select artist_id, count(*) as song_count
    from {{ ref('stg_songs') }}
    group by artist_id

),

plays as (

    select artist_id, count(*) as play_count, count(distinct user_id) as listener_count
    from {{ ref('int_song_plays') }}
    group by artist_id

)

select
    artists.artist_id,
    artists.artist_name,
    artists.country,
    artists.formed_year,
    coalesce(songs.song_count, 0) as song_count,
    coalesce(plays.play_count, 0) as play_count,
    coalesce(plays.listener_count, 0) as listener_count
from {{ ref('stg_artists') }} as artists
left join songs on artists.artist_id = songs.artist_id
left join plays on artists.artist_id = plays.artist_id
