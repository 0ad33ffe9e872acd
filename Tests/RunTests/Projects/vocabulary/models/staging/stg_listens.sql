select
    user_id as id_user,
    song_id as id_song,
    cast(listened_at as timestamp) as ts_event,
    seconds{% if var('negative', false) %} - 1000{% endif %} as n_event
from {{ ref('listens') }}
