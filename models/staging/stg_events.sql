{%- set song_event_types = ['NextSong', 'ThumbsUp', 'AddToPlaylist'] -%}

with source as (

    select * from {{ ref('raw_events') }}

),

cleaned as (

    select
        event_id,
        session_id,
        user_id,
        trim(event_type) as event_type,
        lower(trim(page)) as page,
        song_id,
        {{ parse_timestamp('ts') }} as ts,
        lower(trim(level)) as level,
        user_agent,
        location,
        case
            when trim(event_type) in (
                {%- for event_type in song_event_types %}
                '{{ event_type }}'{{ "," if not loop.last }}
                {%- endfor %}
            ) then 1
            else 0
        end as is_song_event
    from source
    where ts >= '{{ var("start_date") }}'

)

select * from cleaned
