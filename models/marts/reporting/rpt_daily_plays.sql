-- Plays per day, named in the column vocabulary of weir.yml (column_contract: enforce):
-- n_ columns are counts (tested not null and non-negative), ind_ columns are 0/1 flags.
select
    date_day as dt_day,
    count(*) as n_play,
    count(distinct user_id) as n_user,
    count(distinct song_id) as n_song,
    sum(duration_ms) as ms_play,
    max(is_paid) as ind_paid
from {{ ref('fct_song_plays') }}
group by date_day
