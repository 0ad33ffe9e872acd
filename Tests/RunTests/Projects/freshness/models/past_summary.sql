select count(*) as loads from {{ source('raw', 'past_loads') }}
