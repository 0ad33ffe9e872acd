{% snapshot users_level_history %}
{{
    config(
      unique_key='user_id',
      strategy='check',
      check_cols=['level'],
      hard_deletes='invalidate',
    )
}}
-- Each user's subscription level over time: a new version whenever the level changes (a user
-- going paid, or back to free), closed when the user leaves the catalogue.
select user_id, level, country
from {{ ref('stg_users') }}
{% endsnapshot %}
