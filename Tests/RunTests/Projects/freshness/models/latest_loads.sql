select id, loaded_at from {{ source('raw', 'future_loads') }}
