{{ config(materialized=var('totals_materialized', 'table')) }}
select customer, sum(amount) as total from {{ ref('orders_mv') }} group by customer
