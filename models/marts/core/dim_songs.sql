with plays as (

    select song_id, count(*) as play_count, count(distinct user_id) as listener_count
    from {{ ref('int_song_plays') }}
    group by song_id

)

select
    songs.song_id,
    songs.title,
    songs.artist_id,
    artists.artist_name,
    songs.album,
    songs.genre,
    songs.duration_ms,
    songs.duration_minutes,
    songs.release_date,
    coalesce(plays.play_count, 0) as play_count,
    coalesce(plays.listener_count, 0) as listener_count
from {{ ref('stg_songs') }} as songs
inner join {{ ref('stg_artists') }} as artists
    on songs.artist_id = artists.artist_id
left join plays
    on songs.song_id = plays.song_id
