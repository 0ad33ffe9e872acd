-- select * through two models: the columns are song_plays', which are stg_songs' and more.
select * from {{ ref('song_plays') }}
where id_artist is not null
