select * from {{ ref('orders') }} where name is null
