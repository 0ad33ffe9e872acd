select id, upper(name) as name from {{ source('shop', 'customers') }}
