select
    song_id,
    trim(title) as title,
    artist_id,
    trim(album) as album,
    lower(trim(genre)) as genre,
    duration_ms,
    {{ ms_to_minutes('duration_ms') }} as duration_minutes,
    {{ to_date('release_date') }} as release_date
from {{ ref('raw_songs') }}
