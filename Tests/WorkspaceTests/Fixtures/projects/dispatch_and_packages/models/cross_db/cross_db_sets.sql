select id from {{ source('app', 'orders') }}
{{ dbt.except() }}
select order_id from {{ source('app', 'refunds') }}

union all

(
select id from {{ source('app', 'orders') }}
{{ dbt.intersect() }}
select order_id from {{ source('app', 'refunds') }}
)
