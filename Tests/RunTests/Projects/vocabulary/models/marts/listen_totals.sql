select
    id_user,
    {{ weir.across(weir.starts_with('n_', ref('stg_listens')), 'sum({{var}}) as {{var}}') }},
    {{ dbtplyr.c_across(weir.where('timestamp', ref('stg_listens')), 'max({{var}})') }} as ts_event
from {{ ref('stg_listens') }}
where {{ dbtplyr.if_all(weir.one_of(['id_user', 'id_song'], ref('stg_listens')), '{{var}} is not null') }}
group by 1
