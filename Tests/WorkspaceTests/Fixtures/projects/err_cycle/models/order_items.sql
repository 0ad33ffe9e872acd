select * from {{ ref('order_totals') }}
