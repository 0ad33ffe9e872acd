select * from {{ ref('vendor', 'vendor_orders') }}
