select
    user_id,
    trim(first_name) as first_name,
    trim(last_name) as last_name,
    trim(first_name) || ' ' || trim(last_name) as full_name,
    upper(trim(gender)) as gender,
    lower(trim(level)) as level,
    upper(trim(country)) as country,
    {{ parse_timestamp('registered_at') }} as registered_at
from {{ ref('raw_users') }}
