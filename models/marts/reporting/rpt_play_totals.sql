-- Every count of rpt_daily_plays summed over all days, the columns chosen by name: a new n_
-- column there is summed here without editing this model. weir.starts_with reads the columns
-- Weir infers for rpt_daily_plays, so this compiles the same before it is built as after.
-- (The cast: on PostgreSQL a sum of bigint is numeric, which the n_ stub does not allow.)
select
    {{ weir.across(weir.starts_with('n_', ref('rpt_daily_plays')), 'cast(sum({{var}}) as bigint) as {{var}}') }},
    count(*) as n_day
from {{ ref('rpt_daily_plays') }}
