select
    artist_id,
    trim(artist_name) as artist_name,
    upper(trim(country)) as country,
    formed_year
from {{ ref('raw_artists') }}
