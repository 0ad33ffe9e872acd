select * from {{ ref('disabled_targets', 'nope') }}
union all
select * from {{ source('raw', 'payments') }}
