select users.user_id, users.total_amount, other.origin
from {{ ref('users') }} as users
join {{ ref('other_users') }} as other using (user_id)
