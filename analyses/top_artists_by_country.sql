-- Which artists are played most in each listener country? (compiled by `dbt compile`, not run)
with plays as (

    select
        users.country,
        artists.artist_name,
        count(*) as play_count
    from {{ ref('fct_song_plays') }} as plays
    inner join {{ ref('dim_users') }} as users on plays.user_id = users.user_id
    inner join {{ ref('dim_artists') }} as artists on plays.artist_id = artists.artist_id
    group by users.country, artists.artist_name

)

select
    country,
    artist_name,
    play_count,
    rank() over (partition by country order by play_count desc) as country_rank
from plays
order by country, country_rank
