select
    users.user_id,
    users.first_name,
    users.last_name,
    users.full_name,
    users.gender,
    users.level,
    users.country,
    users.registered_at,
    activity.first_event_at,
    activity.last_event_at,
    coalesce(activity.session_count, 0) as session_count,
    coalesce(activity.play_count, 0) as play_count,
    {{ ms_to_minutes('coalesce(activity.listened_ms, 0)', 1) }} as listened_minutes,
    activity.upgraded_at,
    case when activity.upgraded_at is not null then 1 else 0 end as has_upgraded
from {{ ref('stg_users') }} as users
left join {{ ref('int_user_activity') }} as activity
    on users.user_id = activity.user_id
