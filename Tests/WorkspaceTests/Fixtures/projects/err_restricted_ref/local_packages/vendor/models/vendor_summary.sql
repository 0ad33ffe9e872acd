select count(*) as orders from {{ ref('vendor_orders') }}
