select song_id as id_song, title as nm_song, artist_id as id_artist
from {{ ref('songs') }}
