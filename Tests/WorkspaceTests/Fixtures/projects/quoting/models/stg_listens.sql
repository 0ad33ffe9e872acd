select listen_id, artist_id from {{ source('raw', 'listens') }}
